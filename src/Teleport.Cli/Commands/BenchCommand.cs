using System;
using System.CommandLine;
using System.Collections.Generic;
using System.Linq;
using Teleport.Cli.Bench;
using Teleport.Cli.Options;
using Teleport.Cli.Output;

namespace Teleport.Cli.Commands;

/// <summary>
/// <c>teleport bench</c>: quick timings of the figures the runtime is judged by (this core's FMA peak,
/// training steps, one teleport, matrix products, two threads over one on the wide network, whole
/// epochs of the paper protocol against the step), optionally side by side with the PyTorch peer's
/// <c>microbench.py --out</c> JSON. For rigorous numbers use the BenchmarkDotNet project
/// (tests/Teleport.Benchmarks).
/// </summary>
internal static class BenchCommand
{
    /// <summary>The longest warm-up per case, in seconds: a bench is minutes, not hours.</summary>
    public const double MaxWarmupSeconds = 600;

    /// <summary>The most timed repeats per case.</summary>
    public const int MaxRepeats = 100_000;

    public static Command Create(CliHost host)
    {
        var torch = CliOption.File("--torch", "The JSON the PyTorch peer's microbench.py writes with --out: print PyTorch's medians and the speed-ups.");
        var threads = CliOption.Integer("--threads", "Threads for large matrix products (MatrixMultiply.MaxThreads); compare with the same PyTorch thread count.", 1, ValueRange<int>.Between(1, 2));
        var warmup = CliOption.Number("--warmup", "Seconds of warm-up per case (the tiered JIT needs about 1 s).", 2.0, ValueRange<double>.Between(0, MaxWarmupSeconds));
        var repeats = CliOption.Integer("--repeats", "Timed repeats per case; the median is reported.", 15, ValueRange<int>.Between(1, MaxRepeats));
        var filter = CliOption.Text("--filter", "Only cases whose name contains this text (without it: every case).", "TEXT",
            // An empty text is contained in every name: it would run every case, like no filter, where any other option refuses "".
            text => text.Length == 0 ? "an empty value selects every case; leave --filter out to run them all" : null);
        var output = CliOption.File("--out", "Write the results as JSON here (atomically).");
        var command = new Command("bench", "Time training steps, a teleport, matrix products and whole epochs (medians after warm-up), optionally against PyTorch.")
            { torch, threads, warmup, repeats, filter, output };
        command.SetAction(result => CommandErrors.Guard(host, () =>
        {
            var torchFile = result.GetValue(torch);
            new PathPlan().InputFile("--torch", torchFile).OutputFile("--out", result.GetValue(output)).Check();
            var threadCount = result.GetValue(threads);
            var torchMedians = torchFile is null ? new Dictionary<string, double>() : BenchRunner.ReadTorch(torchFile, threadCount);
            var only = result.GetValue(filter);
            var cases = BenchCases.Create();
            BenchCase[] all = [.. cases, .. GeometryBenchCases.Create()];
            if (torchFile is not null) BenchRunner.CheckTorchKeys(torchFile, torchMedians, [.. all.Select(c => c.TorchKey).OfType<string>()]);
            // A filter that selects nothing is a typo, not an empty benchmark: say so before any timing.
            if (only is not null && !BenchRunner.SelectsAny(only, [.. all.Select(c => c.Name), ThreadScalingBench.Name, EpochBench.Name]))
                throw new UsageException($"--filter: no bench case's name contains \"{only}\"; the cases are: {string.Join("; ", all.Select(c => c.Name))}; {ThreadScalingBench.Name}; {EpochBench.Name}");
            host.Out.WriteLine($"teleport bench: {Format.Count(threadCount, "thread")}, warm-up {result.GetValue(warmup)} s, median of {Format.Count(result.GetValue(repeats), "repeat")}");
            var peak = new FmaPeakResult(FmaPeak.Measure256(), FmaPeak.Measure512());
            host.Out.WriteLine(peak.Line());
            // Process-wide: set for the measurement only and put back (an in-process caller — the tests — kept two threads
            // after `bench --threads 2`, also when the bench stopped on a bad --filter).
            var threadsBefore = Teleport.Kernels.MatrixMultiply.MaxThreads;
            Teleport.Kernels.MatrixMultiply.MaxThreads = threadCount;
            try
            {
                return Measure(host, result.GetValue(warmup), result.GetValue(repeats), only, cases, all, torchMedians, threadCount, peak, result.GetValue(output));
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C (or SIGTERM) stops before the next case or round: the results would be partial, so no --out.
                new ConsoleOutput(host).Notice("bench stopped before its last case; no output written");
                return ExitCodes.Interrupted;
            }
            finally
            {
                Teleport.Kernels.MatrixMultiply.MaxThreads = threadsBefore;
            }
        }));
        return command;
    }

    private static int Measure(CliHost host, double warmupSeconds, int repeats, string? only, IReadOnlyList<BenchCase> cases, BenchCase[] all,
        IReadOnlyDictionary<string, double> torchMedians, int threadCount, FmaPeakResult peak, string? outPath)
    {
        var results = BenchRunner.Run(all, warmupSeconds, repeats, only, torchMedians, host.Out, host.Cancellation);
        if (BenchRunner.TeleportInStepsLine(results) is { } cost) host.Out.WriteLine(cost);
        if (BenchCases.CnnTeleportInStepsLine(results) is { } cnnCost) host.Out.WriteLine(cnnCost);
        List<ThreadScalingResult>? scaling = null;
        if (only is null || BenchRunner.Selects(only, ThreadScalingBench.Name))
        {
            scaling = ThreadScalingBench.Run(cases, BenchCases.Create(), warmupSeconds, repeats, host.Cancellation);
            foreach (var line in ThreadScalingBench.Lines(scaling)) host.Out.WriteLine(line);
        }
        EpochBenchResult? epochs = null;
        if (only is null || BenchRunner.Selects(only, EpochBench.Name))
        {
            epochs = EpochBench.Run(host, EpochBench.Rounds, warmupSeconds);
            foreach (var line in EpochBench.Lines(epochs)) host.Out.WriteLine(line);
        }
        if (outPath is { } path)
        {
            BenchRunner.Write(path, results, threadCount, peak, scaling, epochs);
            host.Out.WriteLine($"wrote {TerminalText.Path(path)}");
        }
        return ExitCodes.Success;
    }
}
