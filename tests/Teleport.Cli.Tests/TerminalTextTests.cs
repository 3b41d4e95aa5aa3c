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
    [InlineData("é ü 中 ‖∇L‖²", "é ü 中 ‖∇L‖²")]
    public void EveryCharacterOfTheLineIsVisible(string message, string written) =>
        Assert.Equal(written, TerminalText.OneLine(message));

    /// <summary>
    /// A value holding an escape sequence: the usage error names it with the sequence spelled out, not sent to the terminal
    /// (which it cleared). Data errors already turn control characters into spaces (<c>TeleportDataException</c>).
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
}
