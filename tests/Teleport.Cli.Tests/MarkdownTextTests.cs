using System.IO;
using System.Text.Json.Nodes;
using Teleport.Cli.Reports.Markdown;
using Teleport.Testing;

namespace Teleport.Cli.Tests;

/// <summary>
/// report.md shows a record's strings literally (the bad-input sweep: an edited record's model name went into the page
/// as Markdown, HTML and terminal control characters).
/// </summary>
public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("paper-mlp", "paper-mlp")]
    [InlineData("optimizer_settings.eps", "optimizer_settings.eps")]
    [InlineData("[0.9, 0.999]", "[0.9, 0.999]")]
    [InlineData("**bold** `code` <b>x</b> a|b ~~s~~ &amp; \\", "\\*\\*bold\\*\\* \\`code\\` \\<b\\>x\\</b\\> a\\|b \\~\\~s\\~\\~ \\&amp; \\\\")]
    [InlineData("_em_ snake_case x_ _y", "\\_em\\_ snake_case x\\_ \\_y")]
    [InlineData("[click](http://x) ![i](y)", "[click]\\(http://x) ![i]\\(y)")]
    [InlineData("two\r\nlines\nthree\rfour", "two lines three four")]
    [InlineData("red\u001b[31m bell\u0007 del\u007f c1\u0085", "redU+001B[31m bellU+0007 delU+007F c1U+0085")]
    [InlineData("abc\u202Etxt.exe \u2066x\u2069", "abcU+202Etxt.exe U+2066xU+2069")]
    public void RecordTextIsMadeLiteral(string text, string expected) => Assert.Equal(expected, MarkdownText.Inline(text));

    [Theory]
    [InlineData("tele.safetensors", "`tele.safetensors`")]
    [InlineData("my_*net*.safetensors", "`my_*net*.safetensors`")]
    [InlineData("a`b.safetensors", "a\\`b.safetensors")]
    [InlineData("a|b", "a\\|b")]
    [InlineData("bell\u0007", "bellU+0007")]
    [InlineData("net\u202Etxt.safetensors", "netU+202Etxt.safetensors")]
    public void NamesAreCodeSpansUnlessThatWouldBreak(string text, string expected) => Assert.Equal(expected, MarkdownText.Code(text));

    /// <summary>
    /// Every invisible bidirectional control, the runtime's set (<c>VisibleText.IsHidden</c>) listed here by hand: the
    /// marks ALM, LRM and RLM reached the page as they were, in code spans and text alike.
    /// </summary>
    [Theory]
    [MemberData(nameof(BidiControls.Cases), MemberType = typeof(BidiControls))]
    public void EveryBidirectionalControlIsShownByItsCode(char c)
    {
        var code = $"U+{(int)c:X4}";
        Assert.Equal($"net{code}txt", MarkdownText.Inline($"net{c}txt"));
        Assert.Equal($"net{code}txt.safetensors", MarkdownText.Code($"net{c}txt.safetensors"));
    }

    [Fact]
    public void AnEditedRecordsStringsReachTheReportAsText()
    {
        using var dir = new TempFolder();
        var json = dir.File("run.json");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--out", json])).Succeeded();
        var record = JsonNode.Parse(File.ReadAllText(json))!;
        record["config"]!["model"] = "<img src=x onerror=alert(1)>**m**\u001b[2J";
        record["config"]!["arm"] = "a|b\nc";
        File.WriteAllText(json, record.ToJsonString());
        var report = dir.File("report");
        CliRun.Of("report", json, "--out", report).Succeeded();
        var markdown = File.ReadAllText(Path.Combine(report, "report.md"));
        Assert.Contains("# Teleport train: \\<img src=x onerror=alert(1)\\>\\*\\*m\\*\\*U+001B[2J on ", markdown);
        Assert.Contains("One run (a\\|b c)", markdown);
        Assert.Contains("| a\\|b c |", markdown);
        Assert.DoesNotContain("\u001b", markdown);
        Assert.DoesNotMatch(@"(?<!\\)<img", markdown);
    }
}
