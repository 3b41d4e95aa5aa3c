using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Teleport.Records;
using Teleport.Runtime.Tests.Reliability;

namespace Teleport.Cli.Tests;

/// <summary>
/// The report command on seeded corruptions of real run and compare records: it writes a report or fails with one
/// line and exit code 1 — never an exception, whatever a hand-edited or cut-off record holds (the JSON reader itself
/// is fuzzed in tests/Teleport.Runtime.Tests/Reliability/CorruptFileTests.cs; this adds what the report makes of it).
/// </summary>
public sealed class CorruptRecordTests
{
    [Theory]
    [InlineData("train", 21)]
    [InlineData("compare", 22)]
    public void TheReportCommandSurvivesCorruptRecords(string command, int seed)
    {
        using var dir = new TempFolder();
        var record = dir.File("record.json");
        CliRun.Of([.. Small.Args(command, Small.Synthetic), "--epochs", "2", "--teleport-epochs", "1", "--teleport-count", "2", "--out", record]).Succeeded();
        var valid = Deterministic(record, command);
        var failures = new List<string>();
        var written = 0;
        foreach (var (what, bytes) in Mutations.Of(valid, 60, seed, text: true))
        {
            var path = dir.File("mutant.json");
            File.WriteAllBytes(path, bytes);
            var report = dir.File("report");
            CliRun run;
            try
            {
                run = CliRun.Of("report", path, "--out", report);
            }
            catch (Exception e)
            {
                failures.Add($"{what}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                continue;
            }
            var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (run.ExitCode == 0) written++;
            else if (run.ExitCode != 1 || lines.Length != 1 || !lines[0].StartsWith("teleport: ", StringComparison.Ordinal))
                failures.Add($"{what}: exit code {run.ExitCode}: {run.Error.Trim()}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} corrupted records broke the report command:\n{string.Join("\n", failures)}");
        Assert.True(written > 0, "no mutant was still a readable record");
    }

    private static RecordFields WithoutTimes(RecordFields extra)
    {
        var fields = new RecordFields();
        foreach (var (key, value) in extra) fields.Add(key, key.EndsWith("_seconds", StringComparison.Ordinal) ? 1e-3 : value);
        return fields;
    }

    /// <summary>The record with its times made a function of the step (the summary's too), so that the mutants are the same on every run.</summary>
    private static byte[] Deterministic(string path, string command)
    {
        static RunRecord Fixed(RunRecord r) => new(r.Config,
            r.Epochs.Select(e => e with { WallSeconds = e.Steps * 1e-3 }),
            r.Teleports.Select(t => t with { Seconds = 1e-3, Extra = WithoutTimes(t.Extra) }),
            r.LossTrace.Select(p => p with { WallSeconds = p.Step * 1e-3 }),
            r.Summary is { } s && r.Epochs.Count > 0 ? s.Clone().Set("wall_seconds", r.Epochs[^1].Steps * 1e-3) : r.Summary);
        if (command == "train") return RunRecordJson.ToUtf8Bytes(Fixed(RunRecordJson.Read(path)));
        var compare = CompareRecordJson.Read(path);
        return CompareRecordJson.ToUtf8Bytes(CompareRecord.Create(Fixed(compare.Baseline), Fixed(compare.Teleport), compare.Control is { } c ? Fixed(c) : null));
    }
}
