using System;
using System.IO;
using System.Text;

namespace Teleport.Cli.Tests;

/// <summary>
/// meta-train's and meta-test's outputs are written all or none, as train's (<c>RunOutputs</c>). The sweep: a report
/// folder that could not be written once meta-training had run (its parent became a file meanwhile) failed with exit 1,
/// yet meta-train had already written --out and --curve, and meta-test its --out.
/// </summary>
public sealed class MetaOutputsTests
{
    [Fact]
    public void AMetaTrainReportThatFailsLeavesNoOutputFile()
    {
        using var dir = new TempFolder();
        var parent = dir.File("later");
        // Once meta-training runs (after every output was checked), a file takes the report folder's parent's place.
        var run = RunWhile("task 1/1", () => File.WriteAllText(parent, "in the way"),
            "meta-train", "--variant", "lr-tele", "--train-tasks", "1", "--steps", "10",
            "--out", dir.File("m.safetensors"), "--curve", dir.File("curve.json"), "--report", Path.Combine(parent, "report"));

        Assert.Equal(ExitCodes.DataError, run.ExitCode);
        Assert.Contains("report", run.Error);
        Assert.Equal(["later"], ReportAssert.Names(dir.Path));
    }

    [Fact]
    public void AMetaTestReportThatFailsLeavesNoOutputFile()
    {
        using var dir = new TempFolder();
        var meta = dir.File("m.safetensors");
        CliRun.Of("meta-train", "--variant", "lr", "--train-tasks", "1", "--steps", "10", "--out", meta).Succeeded();
        var parent = dir.File("later");
        var run = RunWhile("Testing on", () => File.WriteAllText(parent, "in the way"),
            "meta-test", "--meta", meta, "--test-tasks", "1", "--steps", "10", "--out", dir.File("test.json"), "--report", Path.Combine(parent, "report"));

        Assert.Equal(ExitCodes.DataError, run.ExitCode);
        Assert.Equal(["later", "m.safetensors"], ReportAssert.Names(dir.Path));
    }

    [Fact]
    public void EveryOutputIsWrittenAndSaidWhenNothingFails()
    {
        using var dir = new TempFolder();
        var train = CliRun.Of("meta-train", "--variant", "lr", "--train-tasks", "1", "--steps", "10",
            "--out", dir.File("m.safetensors"), "--curve", dir.File("curve.json"), "--report", dir.File("train-report")).Succeeded();
        Assert.Contains($"wrote {dir.File("m.safetensors")}\nwrote {dir.File("curve.json")}\nwrote report {Path.Combine(dir.File("train-report"), "report.md")}", train.Out.ReplaceLineEndings("\n"));
        var test = CliRun.Of("meta-test", "--meta", dir.File("m.safetensors"), "--test-tasks", "1", "--steps", "10",
            "--out", dir.File("test.json"), "--report", dir.File("test-report")).Succeeded();
        Assert.Contains($"wrote {dir.File("test.json")}\nwrote report {Path.Combine(dir.File("test-report"), "report.md")}", test.Out.ReplaceLineEndings("\n"));
        Assert.Equal(["curve.json", "m.safetensors", "test-report", "test.json", "train-report"], ReportAssert.Names(dir.Path));
        // "each of the 1 held-out test tasks" before
        Assert.Contains("every arm runs 10 steps on the held-out test task (seeds", File.ReadAllText(Path.Combine(dir.File("test-report"), "report.md")));
    }

    /// <summary>Runs the tool and calls <paramref name="act"/> once, when a line of its output starts with <paramref name="line"/> (trimmed).</summary>
    private static CliRun RunWhile(string line, Action act, params string[] args)
    {
        using var output = new WatchingWriter(line, act);
        using var error = new StringWriter();
        var code = TeleportCli.Run(args, CliHost.Captured(output, error, CliRun.NoFashionMnist));
        Assert.True(output.Acted, $"no line started with \"{line}\":\n{output}");
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>A captured standard output that calls an action at the first line starting with a given text.</summary>
    private sealed class WatchingWriter(string line, Action act) : StringWriter
    {
        private int _lineStart;

        public bool Acted { get; private set; }

        public override void Write(char value)
        {
            base.Write(value);
            if (value != '\n') return;
            var all = GetStringBuilder();
            var text = all.ToString(_lineStart, all.Length - _lineStart).Trim();
            _lineStart = all.Length;
            if (Acted || !text.StartsWith(line, StringComparison.Ordinal)) return;
            Acted = true;
            act();
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? "") Write(c);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            for (var i = 0; i < count; i++) Write(buffer[index + i]);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            foreach (var c in buffer) Write(c);
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write(Environment.NewLine);
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
