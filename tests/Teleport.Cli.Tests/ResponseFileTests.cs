using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>
/// <c>@FILE</c> arguments (the bad-input sweep: a response file naming itself crashed the tool with a stack overflow, a
/// folder with an unhandled exception, and a FIFO hung it). Each is now a one-line usage error naming the file; a
/// regular response file still works.
/// </summary>
public sealed class ResponseFileTests
{
    [Fact]
    public void AResponseFileSuppliesArgumentsWithQuotesAndComments()
    {
        using var dir = new TempFolder();
        var file = dir.File("args.rsp");
        File.WriteAllText(file, "# a comment\n  --epochs 1\n--dataset \"synthetic\" --limit-train 40\n\n--limit-test 20\n");
        var run = CliRun.Of("train", "@" + file).Succeeded();
        Assert.Contains("synthetic-classification (40 train / 20 test samples)", run.Out);
    }

    [Fact]
    public void AResponseFileThatNamesItselfIsRefused()
    {
        using var dir = new TempFolder();
        var file = dir.File("self.rsp");
        File.WriteAllText(file, "--epochs 1 @" + file + "\n");
        AssertRefused(CliRun.Of("train", "@" + file), $"response file @{file} names another response file (@{file}): response files do not nest");
    }

    [Fact]
    public void AFolderOrAMissingFileIsNamed()
    {
        using var dir = new TempFolder();
        AssertRefused(CliRun.Of("train", "@" + dir.Path), $"response file @{dir.Path} is a folder, not a file");
        AssertRefused(CliRun.Of("train", "@" + dir.File("none.rsp")), $"response file @{dir.File("none.rsp")} not found (an argument that starts with @ names a file of arguments; for a path that starts with @, write ./@{dir.File("none.rsp")})");
    }

    [Fact]
    public void AFifoIsRefusedWithoutBeingOpened()
    {
        if (!System.OperatingSystem.IsLinux()) return; // FileKinds tells a FIFO from a file on Linux
        using var dir = new TempFolder();
        var fifo = Teleport.Testing.SpecialFiles.Fifo(dir.File("pipe.rsp"));
        AssertRefused(CliRun.Of("train", "@" + fifo), $"response file @{fifo} is a FIFO (named pipe), not a file");
    }

    [Fact]
    public void AnUnclosedQuoteIsRefusedWithItsLine()
    {
        // `--epochs "2` trained two epochs on the default data set.
        using var dir = new TempFolder();
        var file = dir.File("quote.rsp");
        File.WriteAllText(file, "--dataset synthetic\n--epochs \"2\n");
        AssertRefused(CliRun.Of("train", "@" + file), $"response file @{file}, line 2: a double quote is not closed (--epochs \"2)");
    }

    [Fact]
    public void AnOversizedFileIsRefused()
    {
        using var dir = new TempFolder();
        var file = dir.File("big.rsp");
        File.WriteAllBytes(file, new byte[(1 << 20) + 1]);
        AssertRefused(CliRun.Of("train", "@" + file), $"response file @{file} holds 1048577 bytes, more than the 1048576 a command line needs");
    }

    private static void AssertRefused(CliRun run, string message)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"teleport: {message} (see 'teleport train --help')", run.Error.Trim());
    }
}
