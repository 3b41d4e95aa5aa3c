using System.Collections.Generic;
using Teleport.Records;

namespace Teleport.Geometry;

/// <summary>Every measure of one model on one sample set (<see cref="GeometryMeasures{T}.Measure"/>).</summary>
public sealed partial record MeasureReport
{
    /// <summary>Samples measured on (Hessian measures and the loss use them all).</summary>
    public required int Samples { get; init; }

    /// <summary>The mean loss on the samples.</summary>
    public required double Loss { get; init; }

    /// <summary>tr H (exact or Hutchinson).</summary>
    public required TraceEstimate Trace { get; init; }

    /// <summary>(tensor name, trace of its diagonal block) after an exact trace; empty for Hutchinson.</summary>
    public required IReadOnlyList<KeyValuePair<string, double>> TensorTraces { get; init; }

    /// <summary>The top Hessian eigenvalue.</summary>
    public required EigenEstimate TopEigenvalue { get; init; }

    /// <summary>The paper's φ.</summary>
    public required SharpnessResult Phi { get; init; }

    /// <summary>Samples φ used (whole batches).</summary>
    public required int PhiSamples { get; init; }

    /// <summary>φ with Gaussian directions, if measured.</summary>
    public SharpnessResult? PhiGaussian { get; init; }

    /// <summary>Adaptive sharpness (its <see cref="SharpnessResult.MeanIncrease"/> is the measure), if measured.</summary>
    public SharpnessResult? Adaptive { get; init; }

    /// <summary>ψ, or null when no <see cref="IOrbitCurvatureMeasure{T}"/> was given.</summary>
    public double? CurvaturePsi { get; init; }

    /// <summary>ψ of the exact orbit curves (σ″ terms and cross terms kept; same batches and generators), or null.</summary>
    public double? CurvaturePsiExact { get; init; }

    /// <summary>Why ψ is null, or null.</summary>
    public string? CurvaturePsiNote { get; init; }

    /// <summary>Wall seconds of each measure, in order (loss, hessian_trace, hessian_top_eigenvalue, sharpness_phi, …).</summary>
    public required IReadOnlyList<KeyValuePair<string, double>> MeasureSeconds { get; init; }

    /// <summary>Total wall seconds.</summary>
    public required double Seconds { get; init; }

    /// <summary>
    /// The fields of <c>teleport measure</c>'s JSON: first DESIGN.md's <c>loss</c>, <c>hessian_trace</c>,
    /// <c>hessian_trace_stderr</c> (0 when exact), <c>hessian_top_eigenvalue</c>, <c>sharpness_phi</c>,
    /// <c>curvature_psi</c>, <c>samples</c>, <c>seconds</c>, <c>measure_notes</c> (<see cref="Problems"/>: each measure
    /// without a number and why; empty when all have one), then the details. Every NaN or ±∞ is written as null — a
    /// measure's with its note in <c>measure_notes</c>; the relative residual's when λ = 0, where it is undefined.
    /// </summary>
    public RecordFields ToFields()
    {
        var tensors = new RecordFields();
        foreach (var (name, value) in TensorTraces) tensors.Add(name, Finite(value));
        var seconds = new RecordFields();
        foreach (var (name, value) in MeasureSeconds) seconds.Add(name, value);
        var notes = new RecordFields();
        foreach (var (name, problem) in Problems()) notes.Add(name, problem);
        return new RecordFields()
            .Add("loss", Finite(Loss))
            .Add("hessian_trace", Finite(Trace.Trace))
            .Add("hessian_trace_stderr", Finite(Trace.StandardError))
            .Add("hessian_top_eigenvalue", Finite(TopEigenvalue.Eigenvalue))
            .Add("sharpness_phi", Finite(Phi.Phi))
            .Add("curvature_psi", Finite(CurvaturePsi))
            .Add("samples", Samples)
            .Add("seconds", Seconds)
            .Add("measure_notes", notes)
            .Add("curvature_psi_note", CurvaturePsiNote is null ? RecordValue.Null : CurvaturePsiNote)
            .Add("curvature_psi_exact", Finite(CurvaturePsiExact))
            .Add("hessian_trace_method", MethodName(Trace.Method))
            .Add("hessian_trace_probes", Trace.Probes)
            .Add("hessian_trace_hvps", Trace.HessianVectorProducts)
            .Add("hessian_trace_by_tensor", tensors)
            .Add("hessian_top_eigenvalue_residual", Finite(TopEigenvalue.Residual))
            .Add("hessian_top_eigenvalue_relative_residual", Finite(TopEigenvalue.RelativeResidual))
            .Add("hessian_top_eigenvalue_converged", TopEigenvalue.Converged)
            .Add("lanczos_iterations", TopEigenvalue.Iterations)
            .Add("sharpness_phi_mean_perturbed_loss", Finite(Phi.MeanPerturbedLoss))
            .Add("sharpness_phi_mean_loss", Finite(Phi.MeanLoss))
            .Add("sharpness_phi_mean_increase", Finite(Phi.MeanIncrease))
            .Add("sharpness_phi_samples", PhiSamples)
            .Add("sharpness_phi_evaluations", Phi.Evaluations)
            .Add("sharpness_phi_gaussian", Finite(PhiGaussian?.Phi))
            .Add("sharpness_phi_gaussian_mean_increase", Finite(PhiGaussian?.MeanIncrease))
            .Add("adaptive_sharpness", Finite(Adaptive?.MeanIncrease))
            .Add("seconds_by_measure", seconds);
    }

    /// <summary>The number, or null when there is none or it is NaN or ±∞ (see <see cref="Problems"/> for why).</summary>
    private static RecordValue Finite(double? value) => value is { } v && double.IsFinite(v) ? v : RecordValue.Null;

    /// <summary>The JSON name of a trace method.</summary>
    public static string MethodName(TraceMethod method) => method switch
    {
        TraceMethod.Hutchinson => "hutchinson",
        TraceMethod.ExactPerParameter => "exact_per_parameter",
        _ => "exact_first_layer_blocks",
    };
}
