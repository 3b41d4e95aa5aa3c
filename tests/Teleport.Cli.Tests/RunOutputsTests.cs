using System.IO;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Cli.Running;

namespace Teleport.Cli.Tests;

/// <summary>
/// A finished run's outputs are written all or none (the bad-input sweep: on a full disk the record was written, the
/// model failed, the command exited 1, and the message named a temporary file and no option).
/// </summary>
public sealed class RunOutputsTests
{
    [Fact]
    public void AFileThatFailsLeavesNoOutputAndIsNamedWithItsOption()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("run.json"), "old record");
        var reported = false;
        var error = Assert.Throws<UnwritableOutputException>(() => new RunOutputs()
            .File("--out", dir.File("run.json"), stream => stream.Write("new record"u8))
            .File("--save-model", dir.File("m.safetensors"), _ => throw new IOException($"No space left on device : '{dir.File(".m.safetensors.0123.tmp")}'"))
            .Write(Output(), () => { reported = true; return "wrote report"; }));

        Assert.Equal($"{dir.File("m.safetensors")} cannot be written (--save-model): no space left on device", error.Message);
        Assert.False(reported);
        Assert.Equal("old record", File.ReadAllText(dir.File("run.json")));
        Assert.Equal([dir.File("run.json")], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AReportThatFailsLeavesTheFilesUnwritten()
    {
        using var dir = new TempFolder();
        Assert.Throws<IOException>(() => new RunOutputs()
            .File("--out", dir.File("run.json"), stream => stream.Write("record"u8))
            .Write(Output(), () => throw new IOException("the report folder failed")));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void EveryFileIsWrittenAndSaid()
    {
        using var dir = new TempFolder();
        var out_ = new StringWriter();
        new RunOutputs()
            .File("--out", dir.File("run.json"), stream => stream.Write("record"u8))
            .File("--save-model", null, _ => throw new IOException("not asked for"))
            .File("--save-model", dir.File("m.safetensors"), stream => stream.Write("model"u8))
            .Write(new ConsoleOutput(CliHost.Captured(out_, TextWriter.Null)), () => "wrote report r/report.md and 2 plots");
        Assert.Equal("record", File.ReadAllText(dir.File("run.json")));
        Assert.Equal("model", File.ReadAllText(dir.File("m.safetensors")));
        Assert.Equal($"wrote {dir.File("run.json")}\nwrote {dir.File("m.safetensors")}\nwrote report r/report.md and 2 plots\n", out_.ToString().ReplaceLineEndings("\n"));
    }

    private static ConsoleOutput Output() => new(CliHost.Captured(TextWriter.Null, TextWriter.Null));
}
