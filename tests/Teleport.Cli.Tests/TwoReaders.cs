using System;
using System.IO;
using System.Text.Json.Nodes;
using Teleport.Testing;
using Teleport.Training;

namespace Teleport.Cli.Tests;

/// <summary>
/// The two readers of a history's teleport events — <c>teleport report</c> on a run record and a resume on a checkpoint's
/// trainer.json — given the same history: a teleporting run of one epoch that wrote both (its record and its epoch-end
/// checkpoint hold the same epochs and teleports), copied for each test so that it can be edited.
/// </summary>
internal sealed class TwoReaders : IDisposable
{
    /// <summary>Seed 1, one epoch of 15 steps, teleports by epoch (steps 0, 1) and every 7 steps, a look-ahead of 2.</summary>
    private static readonly string[] Run = [.. Small.Args("train", Small.Synthetic, Small.Teleports), "--seed", "1"];

    private static readonly Lazy<string> Written = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "teleport-cli-tests-two-readers-" + Guid.NewGuid().ToString("N"));
        CliRun.Of([.. Run, "--epochs", "1", "--checkpoint", Path.Combine(folder, "ck"), "--out", Path.Combine(folder, "run.json")]).Succeeded();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(folder);
        return folder;
    });

    private readonly TempFolder _dir = new();

    public TwoReaders()
    {
        File.Copy(Path.Combine(Written.Value, "run.json"), _dir.File("run.json"));
        Copy(Path.Combine(Written.Value, "ck"), _dir.File("ck"));
    }

    /// <summary>The run record's JSON, to edit and <see cref="Report"/>.</summary>
    public JsonNode Record() => JsonNode.Parse(File.ReadAllText(_dir.File("run.json")))!;

    /// <summary>The latest checkpoint's trainer.json, to edit and <see cref="Resume"/>.</summary>
    public JsonNode State() => JsonNode.Parse(File.ReadAllText(StatePath))!;

    /// <summary>Writes <paramref name="record"/> as run.json and reports it.</summary>
    public CliRun Report(JsonNode record)
    {
        File.WriteAllText(_dir.File("run.json"), record.ToJsonString());
        return CliRun.Of("report", _dir.File("run.json"), "--out", _dir.File("report"));
    }

    /// <summary>
    /// Writes <paramref name="state"/> as the checkpoint's trainer.json, reseals its SHA256SUMS (the readers' rules are under
    /// test, not the digest, which would refuse any edit) and resumes the run for a second epoch.
    /// </summary>
    public CliRun Resume(JsonNode state)
    {
        File.WriteAllText(StatePath, state.ToJsonString());
        CheckpointSumsFile.Reseal(Path.GetDirectoryName(StatePath)!);
        return CliRun.Of([.. Run, "--epochs", "2", "--checkpoint", _dir.File("ck"), "--resume", "--out", _dir.File("resumed.json")]);
    }

    /// <summary>Applies <paramref name="edit"/> to the history both readers read, and runs both.</summary>
    public (CliRun Report, CliRun Resume) Both(Action<JsonNode> edit)
    {
        var record = Record();
        var state = State();
        edit(record);
        edit(state);
        return (Report(record), Resume(state));
    }

    /// <summary>The one line of a refusal (exit 1), which wrote nothing.</summary>
    public string Refusal(CliRun run, bool report)
    {
        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\nstdout:\n{run.Out}\nstderr:\n{run.Error}");
        Assert.False(report ? Directory.Exists(_dir.File("report")) : File.Exists(_dir.File("resumed.json")));
        return Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => _dir.Dispose();

    private string StatePath => Path.Combine(Checkpoints.FindLatest(_dir.File("ck"))!, Checkpoints.StateFileName);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from)) Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
