using System;
using System.Linq;
using System.Text;
using Teleport.Data;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Data;

/// <summary>
/// A data error names what the user gave — a file name, a CSV cell — and keeps what is in it: line breaks become
/// spaces (the message is one line), every other control character and bidirectional override a visible escape
/// (a leftover: they all became spaces, so a file named <c>$'a\tb'</c> was reported as <c>a b</c> and an ESC could
/// not be told from a space). The CLI writes its own errors with the same <see cref="VisibleText"/>.
/// </summary>
public sealed class DataErrorTextTests
{
    [Theory]
    [InlineData("plain message", "plain message")]
    [InlineData("  two\r\nlines\n", "two lines")]
    [InlineData("runs\n\n\rof breaks \nafter a space", "runs of breaks after a space")]
    [InlineData("nel\u0085ls\u2028ps\u2029ff\fend", "nel ls ps ff end")]
    [InlineData("a\u001b[2Jb", "a\\x1B[2Jb")]
    [InlineData("tab\there\t", "tab\\x09here\\x09")]
    [InlineData("nul\0 bell\u0007 del\u007f c1\u009b vt\v", "nul\\x00 bell\\x07 del\\x7F c1\\x9B vt\\x0B")]
    [InlineData("abc\u202Etxt.exe \u2066x\u2069 \u202A", "abc\\u202Etxt.exe \\u2066x\\u2069 \\u202A")]
    [InlineData("é ü 中 ‖∇L‖² 😀", "é ü 中 ‖∇L‖² 😀")]
    public void EveryCharacterOfTheLineIsVisible(string text, string line) => Assert.Equal(line, VisibleText.OneLine(text));

    /// <summary>
    /// Every invisible bidirectional control (UAX #9's explicit formatting characters), listed here by hand: the marks
    /// ALM, LRM and RLM went through as they were (an RLM moves the neutral characters around it), with the embeddings,
    /// overrides and isolates escaped.
    /// </summary>
    [Theory]
    [MemberData(nameof(BidiControls.Cases), MemberType = typeof(BidiControls))]
    public void EveryBidirectionalControlIsEscaped(char c)
    {
        var escape = $"\\u{(int)c:X4}";
        Assert.True(VisibleText.IsHidden(c));
        Assert.Equal($"a{escape}b.csv", VisibleText.OneLine($"a{c}b.csv"));
        Assert.Equal($"a {escape}b.csv ", VisibleText.Escape($"a {c}b.csv "));
        Assert.Equal($"a{escape}b.csv: no data rows", new TeleportDataException($"/d/a{c}b.csv", "no data rows").Message);
    }

    [Theory]
    [InlineData('\u200B')] // zero-width space: invisible, but no bidirectional control (not in the set)
    [InlineData('\u200D')] // zero-width joiner: part of emoji sequences
    [InlineData('\u05D0')] // Hebrew alef: right-to-left text itself is text
    [InlineData('\u0627')] // Arabic alef
    public void OtherCharactersAreKept(char c) => Assert.Equal($"a{c}b", VisibleText.OneLine($"a{c}b"));

    [Fact]
    public void AFileNameWithControlCharactersIsSpelledOutInTheMessage()
    {
        var e = new TeleportDataException("/data/a\tb\u001b[31m\u202Ec.csv", "no data rows (the file is empty)");
        Assert.Equal("a\\x09b\\x1B[31m\\u202Ec.csv: no data rows (the file is empty)", e.Message);
        Assert.Equal("/data/a\tb\u001b[31m\u202Ec.csv", e.FilePath);
    }

    [Fact]
    public void ACsvCellHoldingControlBytesIsQuotedWithThemVisible()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("data.csv", Encoding.UTF8.GetBytes("a,label\n0.5,1\n1\u001b[31m\u0007,0\n"));
        var e = Assert.Throws<TeleportDataException>(() => CsvDataset.Load(path, new CsvOptions { Label = "label" }));
        Assert.Equal("data.csv: line 3, column 1 (\"a\"): cannot parse \"1\\x1B[31m\\x07\" as a finite number", e.Message);
        Assert.Equal("line 3, column 1 (\"a\"): cannot parse \"1\\x1B[31m\\x07\" as a finite number", e.Problem);
    }

    /// <summary>Escapes count toward the 400 characters kept, and the cut falls between two of them, never inside one.</summary>
    [Fact]
    public void ALongProblemIsCutBetweenEscapes()
    {
        var e = new TeleportDataException("f.bin", "x" + new string('\u001b', 300));
        // "x" and 99 four-character escapes are 397 characters; the 100th would pass 400.
        Assert.Equal("x" + string.Concat(Enumerable.Repeat("\\x1B", 99)) + "…", e.Problem);
        // The message is spelled once, from the name and the problem as given: 8 characters and 98 escapes are 400.
        Assert.Equal("f.bin: x" + string.Concat(Enumerable.Repeat("\\x1B", 98)) + "…", e.Message);
    }

    [Fact]
    public void ALongProblemIsNotCutInsideASurrogatePair()
    {
        var e = new TeleportDataException("f.bin", new string('a', 399) + "😀b");
        Assert.Equal(new string('a', 399) + "…", e.Problem);
        Assert.Equal(new string('a', 398) + "😀…", VisibleText.OneLine(new string('a', 398) + "😀b", 400));
    }

    [Fact]
    public void TextAtTheLimitIsKeptWhole()
    {
        var text = new string('a', 396) + "\u001b";
        Assert.Equal(new string('a', 396) + "\\x1B", new TeleportDataException("f.bin", text).Problem);
        Assert.Throws<ArgumentOutOfRangeException>(() => VisibleText.OneLine("x", -1));
    }
}
