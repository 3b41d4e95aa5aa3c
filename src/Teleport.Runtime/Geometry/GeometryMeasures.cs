using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics;
using System.Threading;

namespace Teleport.Geometry;

/// <summary>
/// Every geometry measure of a model at its current parameters on one set of samples: loss, Hessian trace,
/// top Hessian eigenvalue, the paper's sharpness φ (and its Gaussian-direction and adaptive variants) and — when
/// an <see cref="IOrbitCurvatureMeasure{T}"/> is given — the paper's orbit curvature ψ. The components
/// (<see cref="Trace"/>, <see cref="Eigenvalue"/>, <see cref="Sharpness"/>) can be used on their own; each is
/// allocation-free after warm-up.
/// </summary>
public sealed class GeometryMeasures<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IOrbitCurvatureMeasure<T>? _curvature;
    private readonly IOrbitCurvatureMeasure<T>? _exactCurvature;
    private readonly string? _curvatureNote;

    /// <summary>
    /// Measures <paramref name="model"/>. ψ comes from <paramref name="curvature"/> if given, else from the model's
    /// generated orbit derivatives (<see cref="OrbitCurvature{T}"/> with <see cref="MeasureOptions.Psi"/> and
    /// <see cref="MeasureOptions.PsiExact"/>) when it has the symmetry on every hidden layer; otherwise ψ is null with a note.
    /// </summary>
    public GeometryMeasures(IDifferentiableModel<T> model, MeasureOptions? options = null, IOrbitCurvatureMeasure<T>? curvature = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Options = options ?? new MeasureOptions();
        Options.Validate();
        Model = model;
        Objective = new ChunkedObjective<T>(model, Options.ChunkSize);
        Trace = new HessianTrace<T>(model, Options.ChunkSize);
        Eigenvalue = new HessianTopEigenvalue<T>(model, Options.EigenvalueMaxIterations, Options.ChunkSize);
        Sharpness = new PerturbationSharpness<T>(model);
        _curvature = curvature ?? OrbitCurvature<T>.TryCreate(model, Options.Psi, out _curvatureNote);
        if (curvature is null && Options.PsiExact is { } exact)
            _exactCurvature = OrbitCurvature<T>.TryCreate(model, exact, out _);
    }

    /// <summary>Why ψ is not measured, or null when it is.</summary>
    public string? CurvatureNote => _curvature is null ? _curvatureNote ?? "not computed: no curvature measure given" : null;

    public IDifferentiableModel<T> Model { get; }

    public MeasureOptions Options { get; }

    /// <summary>Loss and H·v over many samples.</summary>
    public ChunkedObjective<T> Objective { get; }

    public HessianTrace<T> Trace { get; }

    public HessianTopEigenvalue<T> Eigenvalue { get; }

    public PerturbationSharpness<T> Sharpness { get; }

    /// <summary>
    /// Measures everything on <paramref name="inputs"/> ([N, InputSize]) and <paramref name="targets"/>: the Hessian
    /// measures and the loss on all N samples, the sharpness measures on consecutive batches of them.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled between two measures, trace probes, Lanczos iterations or sharpness batches.</exception>
    public MeasureReport Measure(ReadOnlySpan<T> inputs, Targets<T> targets, CancellationToken cancellation = default)
    {
        var o = Options;
        var n = Objective.Samples(inputs, targets);
        var total = Stopwatch.StartNew();
        var seconds = new List<KeyValuePair<string, double>>();
        var clock = Stopwatch.StartNew();
        void Lap(string name)
        {
            seconds.Add(new(name, clock.Elapsed.TotalSeconds));
            clock.Restart();
            cancellation.ThrowIfCancellationRequested();
        }

        cancellation.ThrowIfCancellationRequested();
        var loss = Objective.Loss(inputs, targets);
        Lap("loss");
        var trace = o.ExactTrace ? Trace.Exact(inputs, targets) : Trace.Hutchinson(inputs, targets, o.TraceProbes, o.Seed, cancellation);
        Lap("hessian_trace");
        var tensorTraces = new List<KeyValuePair<string, double>>();
        if (trace.IsExact)
            for (var t = 0; t < Model.Info.Tensors.Count; t++) tensorTraces.Add(new(Model.Info.Tensors[t].Name, Trace.TensorTraces[t]));
        var eigen = Eigenvalue.Compute(inputs, targets, o.EigenvalueTolerance, o.Seed + 1, cancellation);
        Lap("hessian_top_eigenvalue");
        var phi = Sharpness.Measure(inputs, targets, o.Phi, o.Seed + 2, cancellation);
        Lap("sharpness_phi");
        SharpnessResult? gaussian = null, adaptive = null;
        if (o.PhiGaussian is { } g)
        {
            gaussian = Sharpness.Measure(inputs, targets, g, o.Seed + 3, cancellation);
            Lap("sharpness_phi_gaussian");
        }
        if (o.Adaptive is { } a)
        {
            adaptive = Sharpness.Measure(inputs, targets, a, o.Seed + 4, cancellation);
            Lap("adaptive_sharpness");
        }
        double? psi = null, psiExact = null;
        var psiNote = CurvatureNote;
        if (_curvature is not null)
        {
            (psi, psiNote) = Curvature(_curvature, inputs, o.Seed + 5);
            Lap("curvature_psi");
        }
        if (_exactCurvature is not null)
        {
            psiExact = Curvature(_exactCurvature, inputs, o.Seed + 5).Psi;
            Lap("curvature_psi_exact");
        }
        return new MeasureReport
        {
            Samples = n,
            Loss = loss,
            Trace = trace,
            TensorTraces = tensorTraces,
            TopEigenvalue = eigen,
            Phi = phi,
            PhiSamples = PerturbationSharpness<T>.SamplesUsed(n, o.Phi),
            PhiGaussian = gaussian,
            Adaptive = adaptive,
            CurvaturePsi = psi,
            CurvaturePsiNote = psiNote,
            CurvaturePsiExact = psiExact,
            MeasureSeconds = seconds,
            Seconds = total.Elapsed.TotalSeconds,
        };
    }

    /// <summary>
    /// ψ, or null with why when the model refused every orbit curve (<see cref="OrbitCurvature{T}.Measure"/> throws when
    /// the Gram matrix is singular on every batch): a fact about these weights, so labelled like an unmeasured ψ, not
    /// thrown out of <see cref="Measure"/>.
    /// </summary>
    private static (double? Psi, string? Note) Curvature(IOrbitCurvatureMeasure<T> measure, ReadOnlySpan<T> inputs, long seed)
    {
        try
        {
            return (measure.Measure(inputs, seed), null);
        }
        catch (InvalidOperationException e)
        {
            return (null, "not computed: " + e.Message.Replace("ψ: ", "", StringComparison.Ordinal).TrimEnd('.'));
        }
    }
}
