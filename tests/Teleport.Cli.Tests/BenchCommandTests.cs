using System;
using System.IO;
using System.Linq;
using Teleport.Cli.Bench;

namespace Teleport.Cli.Tests;

/// <summary>`teleport bench`: runs the cases, reads the PyTorch peer's JSON, writes its own. No timing is asserted.</summary>
[Collection(nameof(GlobalKernelSettings))]
public sealed class BenchCommandTests
{
    [Fact]
    public void BenchTimesTheSelectedCasesAndComparesWithPyTorch()
    {
        using var dir = new TempFolder();
        var torch = dir.File("torch.json");
        File.WriteAllText(torch, """
            { "cases": { "threads_1": {
                "a_step_784-16-10-10_b20_nobias_leakyrelu_sgd": { "median_s": 0.000238, "reps": 3000 },
                "torch_get_num_threads": 1 } } }
            """);
        var output = dir.File("bench.json");
        var run = CliRun.Of("bench", "--warmup", "0.05", "--repeats", "3", "--filter", "784-16-10-10 b20 Sgd", "--torch", torch, "--out", output).Succeeded();
        Assert.Contains("step 784-16-10-10 b20 Sgd", run.Out);
        Assert.Contains("PyTorch 238.00 µs", run.Out);
        Assert.DoesNotContain("teleport 784", run.Out);
        var cases = CliRun.Json(output).GetProperty("cases");
        Assert.Equal(1, cases.GetArrayLength());
        Assert.Equal(0.000238, cases[0].GetProperty("torch_median_s").GetDouble());
        Assert.True(cases[0].GetProperty("speedup").GetDouble() > 0);
        Assert.Equal(0, cases[0].GetProperty("allocated_bytes_per_call").GetInt64());
    }

    [Fact]
    public void ATeleportIsPricedInTrainingStepsOursAndPyTorchs()
    {
        static BenchResult Result(string name, double median, double? torch) =>
            new(new BenchCase(name, null, 1, () => { }), median, median, 0, torch);

        var both = new[] { Result(BenchCases.PaperSgdStep, 20e-6, 800e-6), Result(BenchCases.Teleport, 1.5e-3, 180e-3) };
        var cost = BenchRunner.TeleportInSteps(both);
        Assert.NotNull(cost);
        Assert.Equal(75, cost.Value.Ours, 9);
        Assert.Equal(225, cost.Value.Torch!.Value, 9);
        Assert.Equal("one teleport costs 75 training steps (784-16-10-10 b20, SGD); in PyTorch 225", BenchRunner.TeleportInStepsLine(both));

        var oursOnly = new[] { Result(BenchCases.PaperSgdStep, 20e-6, null), Result(BenchCases.Teleport, 1.5e-3, null) };
        Assert.Equal("one teleport costs 75 training steps (784-16-10-10 b20, SGD)", BenchRunner.TeleportInStepsLine(oursOnly));
        Assert.Null(BenchRunner.TeleportInSteps([both[0]]));

        // issue 12: with the level-set and null-space cases, a second line prices every method
        var methods = new[] { both[0], both[1], Result(BenchCases.LevelSetTeleport, 6e-3, null), Result(BenchCases.NullSpaceTeleport, 3e-3, null) };
        Assert.Equal([("group", 75.0), ("level-set", 300.0), ("null-space", 150.0)], BenchRunner.MethodTeleportsInSteps(methods).Select(m => (m.Method, Math.Round(m.Steps, 9))));
        Assert.Equal("one teleport costs 75 training steps (784-16-10-10 b20, SGD); in PyTorch 225" + Environment.NewLine
            + "by method, in training steps: group 75, level-set 300, null-space 150", BenchRunner.TeleportInStepsLine(methods));
    }

    [Fact]
    public void ACnnTeleportIsPricedInCnnTrainingStepsBothWaysWithPyTorchs()
    {
        static BenchResult Result(string name, double median, double? torch) =>
            new(new BenchCase(name, null, 1, () => { }), median, median, 0, torch);

        var results = new[]
        {
            Result(BenchCases.CnnSgdStep, 2e-3, 4e-3), Result(BenchCases.CnnTeleport, 40e-3, 60e-3), Result(BenchCases.CnnTeleportRecomputed, 600e-3, 2.4),
        };
        Assert.Equal("paper-cnn: one teleport costs, in training steps (paper-cnn b20, SGD): 20 transported (PyTorch transported 15), 300 recomputed (PyTorch double backward 600)",
            BenchCases.CnnTeleportInStepsLine(results));
        Assert.Equal("paper-cnn: one teleport costs, in training steps (paper-cnn b20, SGD): 20 transported",
            BenchCases.CnnTeleportInStepsLine([Result(BenchCases.CnnSgdStep, 2e-3, null), Result(BenchCases.CnnTeleport, 40e-3, null)]));
        Assert.Null(BenchCases.CnnTeleportInStepsLine([results[1], results[2]]));
    }

    /// <summary>
    /// The epoch case trains the paper protocol in fresh `teleport train` processes (here on the synthetic
    /// task: Fashion-MNIST is "not installed") and in this process, and prices each epoch in steps.
    /// </summary>
    [Fact]
    public void TheEpochCaseTimesFreshAndWarmEpochsAgainstTheStep()
    {
        using var dir = new TempFolder();
        var output = dir.File("bench.json");
        var run = CliRun.Of("bench", "--warmup", "0.05", "--filter", "epochs", "--out", output).Succeeded();
        Assert.Contains("FP32 FMA peak of one core now: 256-bit", run.Out);
        Assert.Contains("fresh `teleport train` process: epoch 1", run.Out);
        Assert.Contains("this process (warmed up):", run.Out);
        Assert.Matches(@"fresh process, epoch 1 over its epoch 2 \(the warm-up left on the clock\): [0-9.]+× \[[0-9.]+ … [0-9.]+\]", run.Out);
        Assert.Contains("paired, every 250 steps, with 250 cached steps: epoch 1 ", run.Out);
        Assert.DoesNotContain("step 784-16-10-10 b20 Sgd", run.Out);
        var json = CliRun.Json(output);
        Assert.True(json.GetProperty("fma_peak_gflops_256").GetDouble() > 0);
        var epochs = json.GetProperty("epochs");
        Assert.Equal("synthetic-classification", epochs.GetProperty("dataset").GetString());
        var rounds = epochs.GetProperty("rounds");
        Assert.Equal(EpochBench.Rounds, rounds.GetArrayLength());
        foreach (var round in rounds.EnumerateArray())
        {
            Assert.Equal(500, round.GetProperty("batches").GetInt32());
            Assert.True(round.GetProperty("step_s").GetDouble() > 0);
            foreach (var key in new[] { "fresh_process_epoch_s", "warm_process_epoch_s" })
            {
                Assert.Equal(3, round.GetProperty(key).GetArrayLength());
                foreach (var seconds in round.GetProperty(key).EnumerateArray()) Assert.True(seconds.GetDouble() > 0);
            }
            // 500 batches an epoch: two pairs of 250 steps in each of the 3 epochs, each a positive ratio
            var paired = round.GetProperty("paired_ratios");
            Assert.Equal(3, paired.GetArrayLength());
            foreach (var epoch in paired.EnumerateArray())
            {
                Assert.Equal(2, epoch.GetArrayLength());
                foreach (var ratio in epoch.EnumerateArray()) Assert.True(ratio.GetDouble() > 0);
            }
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task TheEpochCaseSaysWhenItsScratchFolderCannotBeMade()
    {
        // TMPDIR naming a file: "Could not find a part of the path …/teleport-bench-…", in .NET's words only.
        var tool = System.IO.Path.Combine(System.AppContext.BaseDirectory, "teleport.dll");
        if (!System.IO.File.Exists(System.IO.Path.ChangeExtension(tool, ".runtimeconfig.json"))) return; // the tool as a process needs its runtime config
        using var dir = new TempFolder();
        var file = dir.File("not-a-folder");
        System.IO.File.WriteAllText(file, "");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[tool, "bench", "--warmup", "0", "--filter", "epochs"]) start.ArgumentList.Add(a);
        start.Environment["TMPDIR"] = file;
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.StartsWith($"teleport: the epoch case needs a scratch folder in the temporary folder {file}/ (TMPDIR), and cannot make one there:", (await error).Trim(), System.StringComparison.Ordinal);
    }

    /// <summary>The two-thread case times the wide network on one thread and on two in every round, and restores MaxThreads.</summary>
    [Fact]
    public void TheTwoThreadCaseTimesOneAndTwoThreadsPerRound()
    {
        using var dir = new TempFolder();
        var output = dir.File("bench.json");
        var saved = Teleport.Kernels.MatrixMultiply.MaxThreads;
        var run = CliRun.Of("bench", "--warmup", "0.05", "--repeats", "1", "--filter", "two threads", "--out", output).Succeeded();
        Assert.Equal(1, Teleport.Kernels.MatrixMultiply.MaxThreads);
        Teleport.Kernels.MatrixMultiply.MaxThreads = saved;
        Assert.Contains("two threads over one: step 784-512-512-10 b128 Sgd", run.Out);
        Assert.Contains("two threads over one: " + BenchCases.WideTeleport, run.Out);
        Assert.Contains("two threads over one: " + ThreadScalingBench.CeilingCase, run.Out);
        Assert.Contains("two threads over one: " + ThreadScalingBench.CrossCoreCase, run.Out);
        var cases = CliRun.Json(output).GetProperty("two_threads");
        Assert.Equal(ThreadScalingBench.Cases.Length + 2, cases.GetArrayLength());
        Assert.Equal(ThreadScalingBench.CeilingCase, cases[0].GetProperty("name").GetString());
        Assert.Equal(ThreadScalingBench.CrossCoreCase, cases[1].GetProperty("name").GetString());
        foreach (var c in cases.EnumerateArray())
        {
            Assert.Equal(ThreadScalingBench.Rounds, c.GetProperty("one_thread_s").GetArrayLength());
            Assert.Equal(ThreadScalingBench.Rounds, c.GetProperty("two_threads_s").GetArrayLength());
            foreach (var t in c.GetProperty("two_threads_s").EnumerateArray()) Assert.True(t.GetDouble() > 0);
            // A cooldown keeps at most 256 calls on one thread (fewer when the case ends first; one may run on from before).
            long cooldowns = c.GetProperty("cooldowns").GetInt64(), kept = c.GetProperty("calls_kept_on_one_thread").GetInt64();
            Assert.InRange(cooldowns, 0, long.MaxValue);
            Assert.InRange(kept, 0, 256 * (cooldowns + 1));
        }
        // The cases (not the two references) carry the ceiling timed in their own rounds, and their lines say it.
        for (var i = 0; i < cases.GetArrayLength(); i++)
        {
            var hasCeiling = cases[i].TryGetProperty("ceiling_two_threads_s", out var ceilingTwo);
            Assert.Equal(i >= 2, hasCeiling);
            if (!hasCeiling) continue;
            Assert.Equal(ThreadScalingBench.Rounds, ceilingTwo.GetArrayLength());
            Assert.Equal(ThreadScalingBench.Rounds, cases[i].GetProperty("ceiling_one_thread_s").GetArrayLength());
            foreach (var t in ceilingTwo.EnumerateArray()) Assert.True(t.GetDouble() > 0);
            // Two independent copies of the case's work, alone and side by side, and the cross-core reads, in the same rounds.
            foreach (var field in new[] { "copies_alone_s", "copies_side_by_side_s", "cross_core_same_s", "cross_core_other_s" })
            {
                var times = cases[i].GetProperty(field);
                Assert.Equal(ThreadScalingBench.Rounds, times.GetArrayLength());
                foreach (var t in times.EnumerateArray()) Assert.True(t.GetDouble() > 0);
            }
            // Where the two threads' time went: busy threads (0 … 2, a little over 2 from the clocks' reading gaps) and
            // their work over one thread's (positive).
            Assert.InRange(cases[i].GetProperty("busy_threads").GetDouble(), 0.5, 2.1);
            Assert.True(cases[i].GetProperty("work_over_one_thread").GetDouble() > 0);
        }
        Assert.Equal(ThreadScalingBench.Cases.Length, run.Out.Split('\n').Count(line => line.Contains("; the ceiling in the same rounds ×")));
        Assert.Equal(ThreadScalingBench.Cases.Length, run.Out.Split('\n').Count(line => line.Contains("; threads busy ") && line.Contains("× one thread's")));
        Assert.Equal(ThreadScalingBench.Cases.Length, run.Out.Split('\n').Count(line => line.Contains("; two independent copies side by side ×")));
        Assert.Equal(ThreadScalingBench.Cases.Length, run.Out.Split('\n').Count(line => line.Contains("; reading the other core's writes ×")));
    }

    [Fact]
    public void AMicrobenchFileWithoutTheThreadCountIsAOneLineDataError()
    {
        using var dir = new TempFolder();
        var torch = dir.File("torch.json");
        File.WriteAllText(torch, """{ "cases": { "threads_2": {} } }""");
        var run = CliRun.Of("bench", "--torch", torch, "--filter", "nothing");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("threads_1", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("""{ "cases": { "threads_1": {} } }""", "\"cases\".\"threads_1\" holds no case: no PyTorch median to compare with")]
    [InlineData("""{ "cases": { "threads_1": { "bogus_case": { "median_s": 0.001 } } } }""", "none of its cases (bogus_case) is one this bench times (such as ")]
    [InlineData("""{ "cases": { "threads_1": { "a_step_784-16-10-10_b20_nobias_leakyrelu_sgd": 5, "torch_get_num_threads": 1 } } }""", "\"cases\".\"threads_1\" holds no case: no PyTorch median to compare with")]
    [InlineData("""{ "cases": { "threads_1": { "a_step_784-16-10-10_b20_nobias_leakyrelu_sgd": { "mean_s": 0.001 } } } }""", "is not a case microbench.py writes: an object with \"median_s\"")]
    public void AMicrobenchFileWithNothingToCompareIsADataError(string json, string expected)
    {
        // Each of these printed the bench without a PyTorch column and without a word, as if --torch had not been given.
        using var dir = new TempFolder();
        var torch = dir.File("torch.json");
        File.WriteAllText(torch, json);
        var run = CliRun.Of("bench", "--warmup", "0", "--repeats", "1", "--filter", "784-16-10-10 b20 Sgd", "--torch", torch);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("teleport: torch.json: ", run.Error.Trim(), System.StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, System.StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void APyTorchCaseFasterThanOursIsSaidToBeSlowerNotAFractionFaster()
    {
        // PyTorch 100 µs against our 1.16 ms read "×0.1 faster".
        var slower = new BenchResult(new BenchCase("case", null, 1, () => { }), 1e-3, 1e-3, 0, 1e-4);
        Assert.Contains("PyTorch 100.00 µs  ×10.0 slower", BenchRunner.Line(slower), System.StringComparison.Ordinal);
        var faster = new BenchResult(new BenchCase("case", null, 1, () => { }), 1e-4, 1e-4, 0, 1e-3);
        Assert.Contains("PyTorch 1.000 ms  ×10.0 faster", BenchRunner.Line(faster), System.StringComparison.Ordinal);
    }

    /// <summary>
    /// `bench --threads 2` sets the process-wide thread count for its measurement only: it kept two threads in the process
    /// afterwards (for every later in-process run, the tests' included), also when it stopped on a --filter that selects nothing.
    /// </summary>
    [Fact]
    public void BenchPutsTheThreadCountBackAfterItsMeasurement()
    {
        var before = Teleport.Kernels.MatrixMultiply.MaxThreads;
        var refused = CliRun.Of("bench", "--threads", "2", "--filter", "no such case");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(before, Teleport.Kernels.MatrixMultiply.MaxThreads);
        CliRun.Of("bench", "--threads", "2", "--warmup", "0", "--repeats", "1", "--filter", "784-16-10-10 b20 Sgd").Succeeded();
        Assert.Equal(before, Teleport.Kernels.MatrixMultiply.MaxThreads);
    }

    [Fact]
    public void AnEmptyFilterIsAUsageErrorAndOneRepeatIsSingular()
    {
        // --filter "" ran every case (the empty text is in every name), where every other option refuses an empty value.
        var run = CliRun.Of("bench", "--filter", "");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: --filter: an empty value selects every case; leave --filter out to run them all (see 'teleport bench --help')", run.Error.Trim());
        var one = CliRun.Of("bench", "--warmup", "0", "--repeats", "1", "--filter", "784-16-10-10 b20 Sgd").Succeeded();
        Assert.Contains("teleport bench: 1 thread, warm-up 0 s, median of 1 repeat\n", one.Out.ReplaceLineEndings("\n"), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e308", "1E+308")]
    [InlineData("5e-324", "5E-324")]
    public void AMicrobenchMedianNoRunWritesIsAOneLineDataError(string median, string shown)
    {
        // 1e308 s overflowed the speed-up to ∞ (printed "×Infinity faster"; --out then failed in .NET's words).
        using var dir = new TempFolder();
        var torch = dir.File("torch.json");
        File.WriteAllText(torch, $$"""{ "cases": { "threads_1": { "a_step_784-16-10-10_b20_nobias_leakyrelu_sgd": { "median_s": {{median}} } } } }""");
        var run = CliRun.Of("bench", "--torch", torch, "--filter", "784-16-10-10 b20 Sgd", "--out", dir.File("bench.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"teleport: torch.json: \"a_step_784-16-10-10_b20_nobias_leakyrelu_sgd\".\"median_s\" is {shown} s: a microbench.py median lies between a nanosecond and a day", run.Error.Trim());
        Assert.False(File.Exists(dir.File("bench.json")));
    }

    [Fact]
    public void AFilterThatSelectsNoCaseIsAUsageErrorBeforeAnyTiming()
    {
        var run = CliRun.Of("bench", "--filter", "no such case");
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("--filter: no bench case's name contains \"no such case\"", run.Error);
        Assert.Contains("step 784-16-10-10 b20 Sgd", run.Error);
        Assert.Contains("two threads over one", run.Error);
        Assert.DoesNotContain("FMA peak", run.Out);
    }
}
