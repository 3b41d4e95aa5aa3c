using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Teleport.Cli.Models;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Cli.Bench;

/// <summary>
/// One round of the epoch case: the step's median around it, each epoch's seconds (fresh process, this process), and a
/// third run's epochs paired with the cached step (<see cref="PairedEpochs"/>: the ratios per epoch, one per pair).
/// </summary>
internal sealed record EpochRound(double StepSeconds, double[] FreshEpochSeconds, double[] WarmEpochSeconds, double[] OneCoreEpochSeconds, int Batches, double[][] PairedRatios)
{
    /// <summary>The share of the warm run's batches that the second core copied (<see cref="Trainer.BatchesLoadedAhead"/>).</summary>
    public double LoadedShare { get; init; }
}

/// <summary>The epoch case's rounds, and what was trained on.</summary>
internal sealed record EpochBenchResult(string Dataset, IReadOnlyList<EpochRound> Rounds)
{
    /// <summary>Epoch e (0-based) over batches × step, per round, for the run <paramref name="run"/> picks.</summary>
    public double[] Ratios(int epoch, Func<EpochRound, double[]> run) =>
        Rounds.Select(r => run(r)[epoch] / (r.Batches * r.StepSeconds)).ToArray();

    public int Epochs => Rounds.Count == 0 ? 0 : Rounds[0].FreshEpochSeconds.Length;
}

/// <summary>
/// Whole epochs of the paper protocol (784-16-10-10, AdaGrad lr 0.01, batch 20, sequential, seed 1) against
/// batches × the bench's step time: where a real run spends time that one step repeated on one cached batch
/// does not (JIT, data streamed from a 157 MB training set, per-step bookkeeping, callbacks).
/// </summary>
/// <remarks>
/// Each round times the step (median of 15 runs of 200 steps, before and after), then one fresh
/// <c>teleport train</c> process (its run record's per-epoch <c>wall_seconds</c>: the first epoch includes
/// whatever a cold process pays on the training clock), then the same epochs in this already warmed-up
/// process, then again with every batch copied on the step's thread (<see cref="TrainerOptions.LoadBatchesAhead"/> off: what
/// the second core's batch loader saves). Ratios are taken within a round, so a busy machine slows both sides alike. A last run in this process pairs
/// every 250 of its steps with 250 cached steps (<see cref="PairedEpochs"/>), for a host whose speed changes within a round.
/// </remarks>
internal static class EpochBench
{
    public const string Name = "epochs 784-16-10-10 b20 AdaGrad (paper protocol)";

    /// <summary>Rounds the case runs (each starts one fresh process of three epochs).</summary>
    public const int Rounds = 3;
    private const int Epochs = 3;
    private const int BatchSize = 20;
    private const double LearningRate = 1e-2;

    public static EpochBenchResult Run(CliHost host, int rounds, double warmupSeconds)
    {
        var fashion = FashionMnist.IsInstalled(host.FashionMnistDirectory);
        var data = fashion
            ? FashionMnist.LoadPaperSplits(1, host.FashionMnistDirectory).Train
            : SyntheticClassification.Create(SyntheticClassification.DefaultTrainCount, 1, 1, new SyntheticClassificationOptions { FeatureCount = 784, ClassCount = 10 }).Train;
        var dataset = fashion ? "fashion-mnist" : "synthetic-classification";
        int batches = (data.Count + BatchSize - 1) / BatchSize;

        var model = new PaperMlp();
        ModelRegistry.Get("paper-mlp").Initialize(model, 1);
        var initial = model.Parameters.ToArray();
        var optimizer = OptimizerFactory.Create<float>(OptimizerKind.AdaGrad, new OptimizerSettings { LearningRate = LearningRate }, PaperMlp.ParameterCount);
        // On a 64-byte boundary, as the trainer's gradient and batch are: the same step, not a luckier or unluckier one.
        var gradient = new Teleport.Kernels.AlignedArray<float>(PaperMlp.ParameterCount);
        var inputs = new Teleport.Kernels.AlignedArray<float>(BatchSize * data.FeatureCount);
        data.FeatureRows(0, BatchSize).CopyTo(inputs);
        var labels = data.LabelRange(0, BatchSize).ToArray();
        void Restore()
        {
            initial.CopyTo(model.Parameters);
            optimizer.Reset();
        }
        // Seconds per step of `steps` cached steps from the initial parameters, on the model and optimizer given.
        double CachedSteps(PaperMlp net, Optimizer<float> rule, Teleport.Kernels.AlignedArray<float> grad, int steps)
        {
            initial.CopyTo(net.Parameters);
            rule.Reset();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < steps; i++)
            {
                net.LossAndGradient(inputs, labels, grad);
                rule.Step(net.Parameters, grad);
            }
            return Stopwatch.GetElapsedTime(start).TotalSeconds / steps;
        }
        // The paired run's cached step: a model and optimizer of its own, so the run it is paired with is untouched.
        var reference = new PaperMlp();
        var referenceOptimizer = OptimizerFactory.Create<float>(OptimizerKind.AdaGrad, new OptimizerSettings { LearningRate = LearningRate }, PaperMlp.ParameterCount);
        var referenceGradient = new Teleport.Kernels.AlignedArray<float>(PaperMlp.ParameterCount);
        double Step()
        {
            var times = new double[15];
            for (var r = 0; r < times.Length; r++) times[r] = CachedSteps(model, optimizer, gradient, 200);
            Array.Sort(times);
            return times[times.Length / 2];
        }

        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < warmupSeconds) Step();
        var result = new List<EpochRound>();
        for (var round = 0; round < rounds; round++)
        {
            host.Cancellation.ThrowIfCancellationRequested();
            var before = Step();
            var fresh = FreshProcessEpochs(host, fashion);
            // This core sat idle while the child process ran: without steps first, the warm process's epoch 1 read
            // 1.5–1.8× where its later epochs read 1.2× (the core waking up, not the trainer).
            Step();
            Restore();
            var trainer = new Trainer(model, optimizer, data, null, new TrainerOptions { Epochs = Epochs, BatchSize = BatchSize, Seed = 1 });
            trainer.Run();
            var warmEpochs = EpochSeconds(trainer.History.Epochs);
            var loadedShare = (double)trainer.BatchesLoadedAhead / ((long)Epochs * batches);
            // The same epochs with every batch copied on the step's own thread (no loader on the second core).
            Restore();
            var oneCore = new Trainer(model, optimizer, data, null, new TrainerOptions { Epochs = Epochs, BatchSize = BatchSize, Seed = 1, LoadBatchesAhead = false });
            oneCore.Run();
            var oneCoreEpochs = EpochSeconds(oneCore.History.Epochs);
            var after = Step();
            Restore();
            Trainer? paired = null;
            var pairing = new PairedEpochs(steps => CachedSteps(reference, referenceOptimizer, referenceGradient, steps), () => paired!.WallSeconds);
            paired = new Trainer(model, optimizer, data, null, new TrainerOptions { Epochs = Epochs, BatchSize = BatchSize, Seed = 1 }, [pairing]);
            paired.Run();
            var ratios = Enumerable.Range(0, Epochs).Select(e => e < pairing.Ratios.Count ? pairing.Ratios[e].ToArray() : Array.Empty<double>()).ToArray();
            result.Add(new EpochRound((before + after) / 2, fresh, warmEpochs, oneCoreEpochs, batches, ratios) { LoadedShare = loadedShare });
        }
        return new EpochBenchResult(dataset, result);
    }

    /// <summary>"epochs … : fresh process epoch 1 1.23× [1.2 … 1.3] …; this process …", medians and ranges over rounds.</summary>
    public static IEnumerable<string> Lines(EpochBenchResult r)
    {
        var c = CultureInfo.InvariantCulture;
        if (r.Rounds.Count == 0) yield break;
        var step = Median.Of(r.Rounds.Select(x => x.StepSeconds).ToArray());
        yield return string.Create(c, $"{Name}: {r.Rounds[0].Batches} batches of {r.Dataset} per epoch; step {step * 1e6:F2} µs (median of {r.Rounds.Count} rounds)");
        foreach (var (label, run) in new (string, Func<EpochRound, double[]>)[]
                 {
                     ("  fresh `teleport train` process: ", x => x.FreshEpochSeconds),
                     ("  this process (warmed up):       ", x => x.WarmEpochSeconds),
                     ("  this process, no batch loader:  ", x => x.OneCoreEpochSeconds),
                 })
        {
            var parts = Enumerable.Range(0, r.Epochs).Select(e =>
            {
                var ratios = r.Ratios(e, run);
                var seconds = Median.Of(r.Rounds.Select(x => run(x)[e]).ToArray());
                return string.Create(c, $"epoch {e + 1} {seconds * 1e3:F1} ms = {Median.Of(ratios):F2}× [{ratios.Min():F2} … {ratios.Max():F2}]");
            });
            yield return label + string.Join(", ", parts) + " of batches × step";
        }
        // Whether the loader was in use is the host's doing as much as ours (LoadAheadTrial): say how much it copied.
        var shares = r.Rounds.Select(x => x.LoadedShare).ToArray();
        yield return string.Create(c, $"  this process's batches copied on the second core: {Median.Of(shares) * 100:F0} % [{shares.Min() * 100:F0} … {shares.Max() * 100:F0}]");
        // Epoch 1 against epoch 2 of the same fresh process, a second apart: the warm-up left on the training clock, without
        // the drift of a host whose speed changes between the step's bursts and the process (1.02–1.45× in one run).
        if (r.Epochs >= 2)
        {
            var warmUp = r.Rounds.Select(x => x.FreshEpochSeconds[0] / x.FreshEpochSeconds[1]).ToArray();
            yield return string.Create(c, $"  fresh process, epoch 1 over its epoch 2 (the warm-up left on the clock): {Median.Of(warmUp):F2}× [{warmUp.Min():F2} … {warmUp.Max():F2}]");
        }
        var paired = Enumerable.Range(0, r.Epochs).Select(e =>
        {
            var ratios = r.Rounds.SelectMany(x => x.PairedRatios[e]).Order().ToArray();
            return ratios.Length == 0 ? $"epoch {e + 1} -" : string.Create(c,
                $"epoch {e + 1} {Median.Of(ratios):F2}× [quartiles {ratios[ratios.Length / 4]:F2} … {ratios[3 * ratios.Length / 4]:F2}, {ratios.Length} pairs]");
        });
        yield return string.Create(c, $"  paired, every {PairedEpochs.Chunk} steps, with {PairedEpochs.Chunk} cached steps: ") + string.Join(", ", paired);
    }

    /// <summary>Runs the paper protocol in a new <c>teleport</c> process and returns its epochs' seconds.</summary>
    private static double[] FreshProcessEpochs(CliHost host, bool fashion)
    {
        var folder = Path.Combine(Path.GetTempPath(), "teleport-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // TMPDIR naming a file read "Could not find a part of the path …/teleport-bench-…".
            throw new IOException($"the epoch case needs a scratch folder in the temporary folder {Path.GetTempPath()} (TMPDIR), and cannot make one there: {e.Message}", e);
        }
        try
        {
            var record = Path.Combine(folder, "run.json");
            var start = ToolStart();
            foreach (var a in new[] { "train", "--model", "paper-mlp", "--optimizer", "adagrad", "--lr", LearningRate.ToString("R", CultureInfo.InvariantCulture),
                         "--epochs", Epochs.ToString(CultureInfo.InvariantCulture), "--batch-size", BatchSize.ToString(CultureInfo.InvariantCulture), "--seed", "1", "--out", record })
                start.ArgumentList.Add(a);
            if (fashion)
            {
                start.ArgumentList.Add("--data");
                start.ArgumentList.Add(host.FashionMnistDirectory);
            }
            else
            {
                start.ArgumentList.Add("--dataset");
                start.ArgumentList.Add("synthetic");
            }
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            // The child stopped on Ctrl+C (the terminal sends it to both processes) or SIGTERM: the bench stops too.
            if (process.ExitCode == ExitCodes.Interrupted) throw new OperationCanceledException("the epoch case's `teleport train` was interrupted");
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"the epoch case's `teleport train` exited with {process.ExitCode}: {error.Result.Trim()}");
            return EpochSeconds(RunRecordJson.Read(record).Epochs);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>This tool as a new process: the apphost next to teleport.dll, or <c>dotnet teleport.dll</c>.</summary>
    private static ProcessStartInfo ToolStart()
    {
        var directory = AppContext.BaseDirectory;
        var apphost = Path.Combine(directory, OperatingSystem.IsWindows() ? "teleport.exe" : "teleport");
        if (File.Exists(apphost)) return new ProcessStartInfo(apphost) { UseShellExecute = false };
        var dll = Path.Combine(directory, "teleport.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"the epoch case needs the teleport tool in {directory}");
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var info = new ProcessStartInfo(dotnet) { UseShellExecute = false };
        info.ArgumentList.Add(dll);
        return info;
    }

    private static double[] EpochSeconds(IReadOnlyList<EpochRecord> epochs) =>
        epochs.Select((e, i) => e.WallSeconds - (i == 0 ? 0 : epochs[i - 1].WallSeconds)).ToArray();

}
