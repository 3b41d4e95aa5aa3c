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

    [Fact]
    public void AnOutputNamingTheResponseFileIsRefusedAndTheFileKept()
    {
        // `train @args.rsp --out args.rsp` trained and wrote its record over the arguments (bad-input sweep).
        using var dir = new TempFolder();
        var file = dir.File("args.rsp");
        const string text = "--dataset synthetic --limit-train 40 --limit-test 20 --epochs 1\n";
        File.WriteAllText(file, text);
        AssertPathRefused(CliRun.Of("train", "@" + file, "--out", file),
            $"--out {file} is also the response file it reads ({file}): the command would overwrite a file it reads; write it elsewhere.");
        AssertPathRefused(CliRun.Of("train", "@" + file, "--report", dir.Path),
            $"--report {dir.Path} holds the response file it reads ({file}), and the folder is written as a whole: choose a folder without the command's inputs.");
        Assert.Equal(text, File.ReadAllText(file));
    }

    [Fact]
    public void AResponseFileInThePlaceOfTheCommandIsNamed()
    {
        // `teleport @missing.rsp` said "no command given", hiding which file was missing (bad-input sweep).
        using var dir = new TempFolder();
        var missing = dir.File("none.rsp");
        AssertRefused(CliRun.Of("@" + missing), $"response file @{missing} not found (an argument that starts with @ names a file of arguments; for a path that starts with @, write ./@{missing})", "teleport");
        AssertRefused(CliRun.Of("@" + dir.Path), $"response file @{dir.Path} is a folder, not a file", "teleport");
    }

    [Fact]
    public void ANulCharacterIsRefusedWithItsLine()
    {
        // "info\0" was an unknown command, printed with the NUL in it.
        using var dir = new TempFolder();
        var file = dir.File("nul.rsp");
        File.WriteAllBytes(file, "--dataset synthetic\n--epochs 1\0\n"u8.ToArray());
        AssertRefused(CliRun.Of("train", "@" + file), $"response file @{file}, line 2: holds a NUL character, which no argument can (a binary file, or UTF-16 without a byte-order mark?)");
    }

    [Fact]
    public void AByteThatIsNotUtf8IsRefusedNamingItsOffsetAndLine()
    {
        // The reader replaced it with U+FFFD: `--model \xFFlogistic` was refused as the unknown model "�logistic".
        using var dir = new TempFolder();
        var file = dir.File("latin1.rsp");
        File.WriteAllBytes(file, [.. "--dataset synthetic\n--model "u8, 0xFF, .. "logistic\n"u8]);
        AssertRefused(CliRun.Of("train", "@" + file), $"response file @{file} is not UTF-8 text: byte 0xFF at byte 28 (line 2) does not begin a UTF-8 character");
    }

    [Theory]
    [InlineData("utf-8 BOM")]
    [InlineData("utf-16LE BOM")]
    [InlineData("utf-16BE BOM")]
    public void AByteOrderMarkIsReadAsBefore(string encoding)
    {
        using var dir = new TempFolder();
        var file = dir.File("bom.rsp");
        const string text = "--epochs 1 --dataset synthetic --limit-train 40 --limit-test 20 --model logistic";
        System.Text.Encoding chosen = encoding switch
        {
            "utf-8 BOM" => new System.Text.UTF8Encoding(true),
            "utf-16LE BOM" => new System.Text.UnicodeEncoding(false, true),
            _ => new System.Text.UnicodeEncoding(true, true),
        };
        File.WriteAllBytes(file, [.. chosen.GetPreamble(), .. chosen.GetBytes(text)]);
        var run = CliRun.Of("train", "@" + file).Succeeded();
        Assert.Contains("logistic on synthetic-classification (40 train / 20 test samples)", run.Out);
    }

    /// <summary>A usage error of the paths, found after parsing: without the parser's pointer to help.</summary>
    private static void AssertPathRefused(CliRun run, string message)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"teleport: {message}", run.Error.Trim());
    }

    private static void AssertRefused(CliRun run, string message, string command = "teleport train")
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"teleport: {message} (see '{command} --help')", run.Error.Trim());
    }
}
