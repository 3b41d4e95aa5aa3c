using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using System.Threading;
using Teleport.Data;
using Teleport.Kernels;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// Runs the Figure 4 experiment one seed at a time: the SGD baseline to the checkpoint, then each arm from that
/// checkpoint to the last epoch, the teleporting arms teleporting before each of the first mini-batches of the first
/// epoch after the checkpoint. SGD has no state, so nothing is transported. A seed depends only on its index and the
/// options.
/// </summary>
public sealed class GeneralizationStudy
{
    private readonly Func<ITeleportable<float>> _create;
    private readonly Action<ITeleportable<float>, int> _initialize;

    public GeneralizationStudy(GeneralizationOptions options, Func<ITeleportable<float>> create, Action<ITeleportable<float>, int> initialize, Dataset train, Dataset test)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _initialize = initialize ?? throw new ArgumentNullException(nameof(initialize));
        Train = train ?? throw new ArgumentNullException(nameof(train));
        Test = test ?? throw new ArgumentNullException(nameof(test));
        if (!train.IsClassification) throw new ArgumentException($"The experiment reports test accuracy: {train.Name} is not a classification set.", nameof(train));
        if (options.TeleportBatch > train.Count) throw new ArgumentException($"The teleport batch of {options.TeleportBatch} is more than the {train.Count} training samples of {train.Name}.", nameof(options));

        // Refused up front, naming the arm, rather than reported as teleports that never moved after the baseline trained.
        ITeleportable<float> probe = create();
        foreach (GeneralizationArm arm in options.Arms)
        {
            if (!arm.IsControl && TeleportCapability.Problem(probe, options.TeleportOptionsFor(arm, 0), options.TeleportBatch) is { } problem)
            {
                throw new ArgumentException($"The {arm.Name} arm cannot teleport {probe.Info.Name}: {problem}.");
            }
        }
    }

    public GeneralizationOptions Options { get; }

    public Dataset Train { get; }

    public Dataset Test { get; }

    /// <summary>
    /// Seed <paramref name="index"/>: the baseline and every arm; null if canceled (checked before each epoch and, inside a
    /// teleport, between its steps and the sharpness objective's directions). <paramref name="onArm"/> sees each arm as it ends.
    /// </summary>
    /// <exception cref="StudyRunDivergedException">The baseline or an arm diverged (as <see cref="Trainer"/> defines it; the arms after it are not run).</exception>
    public GeneralizationSeed? Run(int index, Action<GeneralizationArmRun>? onArm = null, CancellationToken cancellation = default)
    {
        var seed = Options.SeedOf(index);
        var model = _create();
        _initialize(model, seed);
        var baseline = new List<GeneralizationEpoch>();
        var gradient = new float[model.Info.ParameterCount];
        for (var epoch = 1; epoch <= Options.TeleportEpoch; epoch++)
        {
            if (cancellation.IsCancellationRequested) return null;
            Check(Epoch(model, gradient, null, null, null, seed, null, epoch), index, seed, Baseline);
            baseline.Add(Evaluate(model, epoch, index, seed, Baseline));
        }
        var checkpoint = model.Parameters.ToArray();
        // one ψ measure per seed (a float model's double twin is built once); null when the model has no orbit derivatives
        var psi = Options.Psi is { } psiOptions ? OrbitCurvature<float>.TryCreate(model, psiOptions, out _) : null;
        var arms = new List<GeneralizationArmRun>();
        foreach (var arm in Options.Arms)
        {
            checkpoint.CopyTo(model.Parameters);
            var teleporter = arm.IsControl ? null : new Teleporter<float>(model);
            var options = arm.IsControl ? null : Options.TeleportOptionsFor(arm, seed);
            var events = new List<GeneralizationTeleport>();
            var epochs = new List<GeneralizationEpoch>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var epoch = Options.TeleportEpoch + 1; epoch <= Options.Epochs; epoch++)
            {
                if (cancellation.IsCancellationRequested) return null;
                var first = epoch == Options.TeleportEpoch + 1;
                try
                {
                    Check(Epoch(model, gradient, first ? teleporter : null, options, psi, seed, first ? events : null, epoch, arm.Teleports, cancellation), index, seed, arm.Name);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    return null; // inside a teleport: one step of the sharpness objective can take hours
                }
                epochs.Add(Evaluate(model, epoch, index, seed, arm.Name));
            }
            var run = new GeneralizationArmRun(arm.Name, index, seed, epochs, events, clock.Elapsed.TotalSeconds);
            arms.Add(run);
            onArm?.Invoke(run);
        }
        return new GeneralizationSeed(index, seed, baseline, arms);
    }

    /// <summary>The arm named in a divergence before the teleport epoch.</summary>
    public const string Baseline = "baseline";

    /// <summary>
    /// One epoch (1-based <paramref name="epoch"/>) of SGD in the data set's order; with a teleporter, a teleport before
    /// each of the first <paramref name="teleports"/> mini-batches. Returns where it diverged, or null: as in
    /// <see cref="Trainer"/>, no step is taken from a batch whose loss or ‖∇L‖² (in double) is NaN or ±∞, and the parameters
    /// must be finite at the epoch's end.
    /// </summary>
    private TrainingDivergence? Epoch(ITeleportable<float> model, float[] gradient, Teleporter<float>? teleporter, TeleportOptions? options, IOrbitCurvatureMeasure<float>? psi, int seed,
        List<GeneralizationTeleport>? events, int epoch, int teleports = 0, CancellationToken cancellation = default)
    {
        var n = Train.Count;
        var batches = (n + Options.BatchSize - 1) / Options.BatchSize;
        var lr = (float)-Options.LearningRate;
        for (int start = 0, b = 0; start < n; start += Options.BatchSize, b++)
        {
            if (teleporter is not null && b < teleports) events!.Add(Teleport(model, teleporter, options!, psi, seed, b, cancellation));
            var count = Math.Min(Options.BatchSize, n - start);
            var loss = model.LossAndGradient(Train.FeatureRows(start, count), new Targets<float>(Train.LabelRange(start, count)), gradient);
            // ‖∇L‖² in double, as the trainer's: summed in float it was +∞ from finite entries near 1e19 (a false divergence)
            var squares = Reductions.SumOfSquaresAsDouble<float>(gradient);
            if (!float.IsFinite(loss) || !double.IsFinite(squares))
                return new TrainingDivergence(float.IsFinite(loss) ? "gradient" : "training loss", float.IsFinite(loss) ? squares : loss, epoch, b, (long)(epoch - 1) * batches + b);
            TensorPrimitives.MultiplyAdd(gradient, lr, model.Parameters, model.Parameters);
        }
        foreach (var value in model.Parameters)
            if (!float.IsFinite(value)) return new TrainingDivergence("parameters", value, epoch, batches, (long)epoch * batches);
        return null;
    }

    private static void Check(TrainingDivergence? divergence, int index, int seed, string arm)
    {
        if (divergence is not null) throw new StudyRunDivergedException(index, seed, arm, divergence);
    }

    /// <summary>
    /// One teleport on a fresh batch (without replacement, stream 1000 + call of the seed), with the loss on the whole
    /// training set and ψ on the batch before and after (the same generators both times, so the two are comparable).
    /// </summary>
    private GeneralizationTeleport Teleport(ITeleportable<float> model, Teleporter<float> teleporter, TeleportOptions options, IOrbitCurvatureMeasure<float>? psi, int seed, int call,
        CancellationToken cancellation)
    {
        var size = Options.TeleportBatch;
        var order = new SeededRandom(seed, 1000 + call).Permutation(Train.Count);
        var inputs = new float[size * Train.FeatureCount];
        var labels = new int[size];
        Train.CopyBatch(order.AsSpan(0, size), inputs, labels);
        var psiSeed = PsiSeed(seed, call);
        var trainBefore = new Evaluator(model).Evaluate(Train).Loss;
        var psiBefore = Psi(psi, inputs, psiSeed);
        var report = teleporter.Teleport(inputs, new Targets<float>(labels), options, cancellation);
        var trainAfter = new Evaluator(model).Evaluate(Train).Loss;
        var psiAfter = Psi(psi, inputs, psiSeed);
        return new GeneralizationTeleport(call, report.ObjectiveBefore, report.ObjectiveAfter, psiBefore, psiAfter, report.LossBefore, report.LossAfter, trainBefore, trainAfter,
            report.StepsTaken, report.RejectedSteps, TeleportCallback.StopReasonName(report.StopReason), report.Seconds);
    }

    /// <summary>The seed of ψ's generators for teleport <paramref name="call"/> of a seed: one per teleport, the same before and after it.</summary>
    private static long PsiSeed(int seed, int call) => (long)seed * 10_000 + 2_000 + call;

    /// <summary>ψ on the batch, or null without a measure or when the model refuses every curve (a singular Gram matrix).</summary>
    private static double? Psi(IOrbitCurvatureMeasure<float>? psi, float[] inputs, long seed)
    {
        if (psi is null) return null;
        try
        {
            return psi.Measure(inputs, seed);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The losses after an epoch; a NaN or ±∞ one (finite weights that overflow the forward pass) is a divergence.</summary>
    private GeneralizationEpoch Evaluate(ITeleportable<float> model, int epoch, int index, int seed, string arm)
    {
        var train = new Evaluator(model).Evaluate(Train);
        var test = new Evaluator(model).Evaluate(Test);
        var batches = (Train.Count + Options.BatchSize - 1) / Options.BatchSize;
        if (!double.IsFinite(train.Loss) || !double.IsFinite(test.Loss))
        {
            var (quantity, value) = double.IsFinite(train.Loss) ? ("test loss", test.Loss) : ("training loss on the whole set", train.Loss);
            Check(new TrainingDivergence(quantity, value, epoch, batches, (long)epoch * batches), index, seed, arm);
        }
        return new GeneralizationEpoch(epoch, train.Loss, test.Loss, test.Accuracy ?? double.NaN);
    }
}

/// <summary>Train and test loss and test accuracy after an epoch.</summary>
public sealed record GeneralizationEpoch(int Epoch, double TrainLoss, double TestLoss, double TestAccuracy);

/// <summary>
/// One teleport: the objective before/after on its batch (φ_tele, or κ along the teleport's M for a curvature arm), ψ
/// before/after on its batch (null when not measured), the loss on its batch and on the whole training set before/after.
/// </summary>
public sealed record GeneralizationTeleport(int Call, double ObjectiveBefore, double ObjectiveAfter, double? PsiBefore, double? PsiAfter, double BatchLossBefore, double BatchLossAfter,
    double TrainLossBefore, double TrainLossAfter, int Steps, int Rejected, string StopReason, double Seconds)
{
    /// <summary>Objective after / before (NaN from an objective of 0).</summary>
    public double ObjectiveRatio => ObjectiveAfter / ObjectiveBefore;

    /// <summary>ψ after / before, NaN when ψ was not measured.</summary>
    public double PsiRatio => PsiBefore is { } before && PsiAfter is { } after ? after / before : double.NaN;

    /// <summary>|batch loss after − before| / |before| (the teleport's drift on its own batch).</summary>
    public double BatchLossRelativeDrift => Math.Abs(BatchLossAfter - BatchLossBefore) / Math.Max(Math.Abs(BatchLossBefore), 1e-30);
}

/// <summary>One arm of one seed: its epochs after the checkpoint and its teleports.</summary>
public sealed record GeneralizationArmRun(string Arm, int Index, int Seed, IReadOnlyList<GeneralizationEpoch> Epochs, IReadOnlyList<GeneralizationTeleport> Teleports, double Seconds);

/// <summary>One seed: the baseline's epochs up to the checkpoint and every arm after it.</summary>
public sealed record GeneralizationSeed(int Index, int Seed, IReadOnlyList<GeneralizationEpoch> Baseline, IReadOnlyList<GeneralizationArmRun> Arms);
