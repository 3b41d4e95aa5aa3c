using Teleport.Cli.Output;

namespace Teleport.Cli.Tests;

/// <summary>
/// Errors and notices name what the user gave, and that may hold control characters: they are written visibly, so a
/// file name cannot clear the terminal, hide the start of the line or reorder it (a leftover of the bad-input sweeps).
/// </summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("plain message", "plain message")]
    [InlineData("  two\r\nlines\n", "two lines")]
    [InlineData("a\u001b[2Jb", "a\\x1B[2Jb")]
    [InlineData("tab\there", "tab\\x09here")]
    [InlineData("bell\u0007 del\u007f c1\u009b", "bell\\x07 del\\x7F c1\\x9B")]
    [InlineData("abc\u202Etxt.exe \u2066x\u2069", "abc\\u202Etxt.exe \\u2066x\\u2069")]
    [InlineData("marks \u061C \u200E \u200F", "marks \\u061C \\u200E \\u200F")]
    [InlineData("é ü 中 ‖∇L‖²", "é ü 中 ‖∇L‖²")]
    public void EveryCharacterOfTheLineIsVisible(string message, string written) =>
        Assert.Equal(written, TerminalText.OneLine(message));

    /// <summary>
    /// A value holding an escape sequence: the usage error names it with the sequence spelled out, not sent to the terminal
    /// (which it cleared). Data errors (<c>TeleportDataException</c>) spell their messages the same way, below.
    /// </summary>
    [Fact]
    public void AnEscapeSequenceInAValueIsSpelledOutInTheError()
    {
        var run = CliRun.Of("info", "--model", "paper\u001b[2J\u001b[31mmlp");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("paper\\x1B[2J\\x1B[31mmlp", run.Error);
        Assert.DoesNotContain('\u001b', run.Error);
    }

    /// <summary>An option's value holding a right-to-left override: the usage error shows it as an escape.</summary>
    [Fact]
    public void ABidiOverrideInAnOptionValueIsSpelledOutInTheUsageError()
    {
        var run = CliRun.Of("train", "--epochs", "3\u202E1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("\\u202E", run.Error);
        Assert.DoesNotContain('\u202E', run.Error);
    }

    /// <summary>
    /// A data file whose name holds an ESC, a tab and a right-to-left override: the data error names it with each spelled
    /// out as the tool's own errors do (a leftover: the data error had made them spaces before the tool saw it, so the
    /// user could not tell what was in the name).
    /// </summary>
    [Theory]
    [InlineData("report")]
    [InlineData("measure")]
    public void ControlCharactersInADataFilesNameAreSpelledOutInTheDataError(string command)
    {
        using var dir = new TempFolder();
        var name = command == "report" ? "run\u001b[2J\t\u202Enosj.json" : "w\u001b[2J\t\u202Eeulav.safetensors";
        var path = dir.File(name);
        System.IO.File.WriteAllText(path, "{ not a record or a header");
        var run = command == "report"
            ? CliRun.Of("report", path, "--out", dir.File("report"))
            : CliRun.Of("measure", "--weights", path, "--dataset", "synthetic", "--samples", "50", "--out", dir.File("m.json"));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        var shown = name.Replace("\u001b", "\\x1B").Replace("\t", "\\x09").Replace("\u202E", "\\u202E");
        Assert.Contains(shown + ": ", line);
        Assert.DoesNotContain(line, c => c is '\u001b' or '\t' or '\u202E');
    }

    [Theory]
    [InlineData("runs/a.json", "runs/a.json")]
    [InlineData("  lead and trail  ", "  lead and trail  ")]
    [InlineData("a\u001b[2J\tb", "a\\x1B[2J\\x09b")]
    [InlineData("two\nlines\r\u2028.json", "two\\x0Alines\\x0D\\u2028.json")]
    [InlineData("abc\u202Etxt.exe", "abc\\u202Etxt.exe")]
    public void APathOnStandardOutputKeepsItsSpacesAndShowsEveryHiddenCharacter(string path, string written) =>
        Assert.Equal(written, TerminalText.Path(path));

    /// <summary>
    /// train's "wrote …" line on standard output names the record whose file name holds an escape sequence and a line
    /// break with both spelled out (a leftover: errors were escaped, the stdout lines that echo a path were not, so the
    /// name cleared the terminal or split the line).
    /// </summary>
    [Fact]
    public void TheWroteLineShowsTheHiddenCharactersOfTheRecordsName()
    {
        using var dir = new TempFolder();
        var name = "run\u001b[2J\nnext.json";
        var run = CliRun.Of("train", "--dataset", "synthetic", "--epochs", "1", "--out", dir.File(name));

        Assert.Equal(0, run.ExitCode);
        Assert.True(System.IO.File.Exists(dir.File(name)));
        Assert.Contains("wrote " + dir.File("run\\x1B[2J\\x0Anext.json"), run.Out);
        Assert.DoesNotContain('\u001b', run.Out);
    }
}
