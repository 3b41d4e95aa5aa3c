using System;
using System.Collections.Generic;
using System.Threading;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// Runs the study one run at a time: run i initialises a fresh model with seed (i + 1)·step, trains it with plain
/// SGD over the training set in its fixed order, then measures the final weights. A run depends only on its index
/// and the options (no state is shared between runs), so runs can be spread over processes (<see cref="CorrelationShard"/>)
/// and merged into exactly the result of one process.
/// </summary>
public sealed class CorrelationStudy
{
    private readonly Func<IDifferentiableModel<float>> _create;
    private readonly Action<IDifferentiableModel<float>, int> _initialize;

    /// <param name="options">The study.</param>
    /// <param name="create">A new model (parameters to be initialised).</param>
    /// <param name="initialize">Initialises a model's parameters from a seed.</param>
    /// <param name="train">The training set (trained on in order; the measures use it too).</param>
    /// <param name="test">The test set (test loss).</param>
    public CorrelationStudy(CorrelationStudyOptions options, Func<IDifferentiableModel<float>> create, Action<IDifferentiableModel<float>, int> initialize, Dataset train, Dataset test)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _initialize = initialize ?? throw new ArgumentNullException(nameof(initialize));
        Train = train ?? throw new ArgumentNullException(nameof(train));
        Test = test ?? throw new ArgumentNullException(nameof(test));
        if (options.HessianSamples > train.Count)
            throw new ArgumentException($"The Hessian measures need {options.HessianSamples} samples but {train.Name} has {train.Count}.", nameof(options));
        var batch = options.Measures.Phi.BatchSize;
        if ((long)options.SharpnessBatches * batch > train.Count)
            throw new ArgumentException($"{options.SharpnessBatches} sharpness batches of {batch} need {(long)options.SharpnessBatches * batch} samples but {train.Name} has {train.Count}.", nameof(options));
    }

    public CorrelationStudyOptions Options { get; }

    public Dataset Train { get; }

    public Dataset Test { get; }

    /// <summary>
    /// Runs every run of <paramref name="shard"/> in index order and returns the part (with <paramref name="config"/>,
    /// from <see cref="CorrelationStudyOptions.Configuration"/>); null if canceled. <paramref name="onRun"/> sees each run as it ends.
    /// </summary>
    /// <exception cref="StudyRunDivergedException">A run's training diverged (the runs after it are not run).</exception>
    public CorrelationPart? RunShard(CorrelationShard shard, RecordFields config, Action<CorrelationRun>? onRun = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var runs = new List<CorrelationRun>();
        for (var i = 0; i < Options.Runs; i++)
        {
            if (!shard.Contains(i)) continue;
            if (Run(i, cancellation) is not { } run) return null;
            runs.Add(run);
            onRun?.Invoke(run);
        }
        return new CorrelationPart(config, shard, runs);
    }

    /// <summary>Trains and measures run <paramref name="index"/>; null if canceled.</summary>
    /// <exception cref="StudyRunDivergedException">The run's training diverged.</exception>
    public CorrelationRun? Run(int index, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Options.Runs);
        var seed = Options.SeedOf(index);
        var model = _create();
        _initialize(model, seed);
        var optimizer = OptimizerFactory.Create<float>(OptimizerKind.Sgd, new OptimizerSettings { LearningRate = Options.LearningRate }, model.Info.ParameterCount);
        var trainer = new Trainer(model, optimizer, Train, null,
            new TrainerOptions { Epochs = Options.Epochs, BatchSize = Options.BatchSize, Order = BatchOrder.Sequential, Seed = seed });
        var status = trainer.Run(cancellation);
        if (status == TrainingStatus.Canceled) return null;
        // The trainer stops before a step from a non-finite loss or gradient; measuring the weights it stopped at would
        // correlate a broken run's numbers (or NaN) with the others', so the study stops here, naming the run.
        if (status == TrainingStatus.Diverged) throw new StudyRunDivergedException(index, seed, null, trainer.Divergence!);

        if (cancellation.IsCancellationRequested) return null;
        var train = new Evaluator(model).Evaluate(Train);
        var test = new Evaluator(model).Evaluate(Test);
        // Finite weights can still overflow the forward pass on the whole sets (the trainer saw only the training batches
        // before the last step): the targets of the correlations would be NaN or ±∞, which is the same failure.
        if (!double.IsFinite(train.Loss) || !double.IsFinite(test.Loss))
        {
            var (quantity, value) = double.IsFinite(train.Loss) ? ("final test loss", test.Loss) : ("final training loss", train.Loss);
            throw new StudyRunDivergedException(index, seed, null, new TrainingDivergence(quantity, value, Options.Epochs, trainer.BatchesPerEpoch, trainer.GlobalStep));
        }
        var measures = new GeometryMeasures<float>(model, Options.Measures);
        var o = Options.Measures;
        var n = Options.HessianSamples;
        var inputs = Train.FeatureRows(0, n);
        var labels = Train.LabelRange(0, n);
        TraceEstimate trace;
        EigenEstimate eigen;
        SharpnessResult phi;
        SharpnessResult? adaptive;
        double? psi, psiExact;
        string? psiNote;
        try
        {
            trace = o.ExactTrace ? measures.Trace.Exact(inputs, labels) : measures.Trace.Hutchinson(inputs, labels, o.TraceProbes, seed, cancellation);
            cancellation.ThrowIfCancellationRequested();
            eigen = measures.Eigenvalue.Compute(inputs, labels, o.EigenvalueTolerance, seed + 1L, cancellation);
            cancellation.ThrowIfCancellationRequested();
            (phi, adaptive, psi, psiExact, psiNote) = Sharpness(model, seed, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return null;
        }

        // A measure that is not a number at these weights (overflow of float; Lanczos' own label) is null with its
        // reason in the run's details: the analysis then names the run rather than correlating NaN or ±∞.
        var notes = new RecordFields();
        double? Measured(string name, double? value, string cause)
        {
            if (value is not { } v || double.IsFinite(v)) return value;
            notes.Add(name, MeasureReport.NotFinite(v, cause));
            return null;
        }
        const string hvp = "the Hessian-vector product overflows float", perturbed = "the loss at the perturbed weights overflows float", curves = "the orbit curves' derivatives overflow";
        double? top = eigen.Eigenvalue;
        if (eigen.Problem is { } problem)
        {
            notes.Add(CorrelationMeasures.HessianTopEigenvalue, problem);
            top = null;
        }
        var values = new List<KeyValuePair<string, double?>>
        {
            new(CorrelationMeasures.SharpnessPhi, Measured(CorrelationMeasures.SharpnessPhi, phi.Phi, perturbed)),
            new(CorrelationMeasures.SharpnessPhiIncrease, Measured(CorrelationMeasures.SharpnessPhiIncrease, phi.MeanIncrease, perturbed)),
            new(CorrelationMeasures.HessianTrace, Measured(CorrelationMeasures.HessianTrace, trace.Trace, hvp)),
            new(CorrelationMeasures.HessianTopEigenvalue, Measured(CorrelationMeasures.HessianTopEigenvalue, top, hvp)),
            new(CorrelationMeasures.AdaptiveSharpness, Measured(CorrelationMeasures.AdaptiveSharpness, adaptive?.MeanIncrease, perturbed)),
            new(CorrelationMeasures.CurvaturePsi, Measured(CorrelationMeasures.CurvaturePsi, psi, curves)),
            new(CorrelationMeasures.CurvaturePsiExact, Measured(CorrelationMeasures.CurvaturePsiExact, psiExact, curves)),
        };
        var details = CorrelationRunDetails.Write(test.Accuracy, trace, eigen, phi, psiNote, notes);
        return new CorrelationRun(index, seed, train.Loss, test.Loss, test.Accuracy ?? double.NaN, values, details);
    }

    /// <summary>
    /// φ, the adaptive sharpness and ψ (one orbit curve per batch, paper and exact modes, as the authors' loop draws
    /// one generator per batch) on the same batches: <see cref="CorrelationStudyOptions.SharpnessBatches"/> slices of
    /// a permutation of the training set drawn from <see cref="SeededRandom"/>(seed, stream 1), each gathered once.
    /// </summary>
    private (SharpnessResult Phi, SharpnessResult? Adaptive, double? Psi, double? PsiExact, string? PsiNote) Sharpness(IDifferentiableModel<float> model, int seed,
        CancellationToken cancellation)
    {
        var o = Options.Measures;
        var batch = o.Phi.BatchSize;
        var order = new SeededRandom(seed, 1).Permutation(Train.Count);
        var inputs = new float[batch * Train.FeatureCount];
        var labels = new int[batch];
        var phi = new PerturbationSharpness<float>(model);
        phi.Begin(o.Phi, seed + 2L);
        PerturbationSharpness<float>? adaptive = null;
        if (o.Adaptive is { } a)
        {
            if (a.BatchSize != batch) throw new ArgumentException($"The adaptive sharpness uses φ's batches: its batch size {a.BatchSize} must be φ's {batch}.");
            adaptive = new PerturbationSharpness<float>(model);
            adaptive.Begin(a, seed + 4L);
        }
        var curvature = OrbitCurvature<float>.TryCreate(model, o.Psi, out var note);
        var exact = o.PsiExact is { } e ? OrbitCurvature<float>.TryCreate(model, e, out _) : null;
        double psi = 0, psiExact = 0;
        int curves = 0, exactCurves = 0;
        for (var b = 0; b < Options.SharpnessBatches; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            Train.CopyBatch(order.AsSpan(b * batch, batch), inputs, labels);
            phi.AddBatch(inputs, labels);
            adaptive?.AddBatch(inputs, labels);
            if (curvature?.Kappa(inputs, seed + 5L, b) is { } kappa && !double.IsNaN(kappa))
            {
                psi += kappa;
                curves++;
            }
            if (exact?.Kappa(inputs, seed + 5L, b) is { } kappaExact && !double.IsNaN(kappaExact))
            {
                psiExact += kappaExact;
                exactCurves++;
            }
        }
        return (phi.End(), adaptive?.End(), curves > 0 ? psi / curves : null, exactCurves > 0 ? psiExact / exactCurves : null, note);
    }
}
