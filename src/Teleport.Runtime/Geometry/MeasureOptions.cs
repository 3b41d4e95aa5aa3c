using System;
using Teleport.Records;

namespace Teleport.Geometry;

/// <summary>What <see cref="GeometryMeasures{T}"/> computes and how precisely.</summary>
public sealed record MeasureOptions
{
    /// <summary>The exact Hessian trace (default) instead of Hutchinson's estimate.</summary>
    public bool ExactTrace { get; init; } = true;

    /// <summary>Rademacher probes for Hutchinson's estimate (when not exact). Default 100.</summary>
    public int TraceProbes { get; init; } = 100;

    /// <summary>The relative residual ‖Hv − θv‖/|θ| the top eigenvalue is computed to. Default 1e-3.</summary>
    public double EigenvalueTolerance { get; init; } = 1e-3;

    /// <summary>Most Lanczos iterations. Default 100.</summary>
    public int EigenvalueMaxIterations { get; init; } = 100;

    /// <summary>The paper's φ (default: its Fashion-MNIST radii).</summary>
    public SharpnessOptions Phi { get; init; } = SharpnessOptions.Paper("fashion-mnist");

    /// <summary>φ with Gaussian directions, or null to skip.</summary>
    public SharpnessOptions? PhiGaussian { get; init; } = SharpnessOptions.GaussianDirections("fashion-mnist");

    /// <summary>Average-case adaptive sharpness (invariant under S2), or null to skip.</summary>
    public SharpnessOptions? Adaptive { get; init; } = SharpnessOptions.Adaptive;

    /// <summary>
    /// Seeds every random draw: the trace probes use <c>Seed</c>, the Lanczos start <c>Seed + 1</c>, φ <c>Seed + 2</c>,
    /// Gaussian φ <c>Seed + 3</c>, adaptive sharpness <c>Seed + 4</c>, ψ <c>Seed + 5</c>.
    /// </summary>
    public long Seed { get; init; }

    /// <summary>ψ as the paper defines it (S3 on every hidden layer, σ″ dropped, per-pair sums), when the model has it.</summary>
    public OrbitCurvatureOptions Psi { get; init; } = OrbitCurvatureOptions.Paper;

    /// <summary>ψ of the exact orbit curves (same batches and generators as <see cref="Psi"/>), or null to skip.</summary>
    public OrbitCurvatureOptions? PsiExact { get; init; } = OrbitCurvatureOptions.Exact;

    /// <summary>Most samples per model call for the Hessian measures. Default 1000.</summary>
    public int ChunkSize { get; init; } = 1000;

    /// <summary>Throws when a setting cannot be used.</summary>
    public void Validate()
    {
        if (!ExactTrace && TraceProbes < 2) throw new ArgumentOutOfRangeException(nameof(TraceProbes), TraceProbes, "Hutchinson's estimate needs at least 2 probes.");
        if (!(EigenvalueTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(EigenvalueTolerance), EigenvalueTolerance, "The tolerance must be > 0.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EigenvalueMaxIterations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ChunkSize);
        ArgumentNullException.ThrowIfNull(Phi);
        Phi.Validate();
        PhiGaussian?.Validate();
        Adaptive?.Validate();
        ArgumentNullException.ThrowIfNull(Psi);
        Psi.Validate();
        PsiExact?.Validate();
    }

    /// <summary>The options as record fields (for JSON).</summary>
    public RecordFields Describe() => new RecordFields()
        .Add("exact_trace", ExactTrace)
        .Add("trace_probes", ExactTrace ? RecordValue.Null : TraceProbes)
        .Add("eigenvalue_tolerance", EigenvalueTolerance)
        .Add("eigenvalue_max_iterations", EigenvalueMaxIterations)
        .Add("phi", Phi.Describe())
        .Add("phi_gaussian", PhiGaussian is null ? RecordValue.Null : PhiGaussian.Describe())
        .Add("adaptive", Adaptive is null ? RecordValue.Null : Adaptive.Describe())
        .Add("psi", Psi.Describe())
        .Add("psi_exact", PsiExact is null ? RecordValue.Null : PsiExact.Describe())
        .Add("seed", Seed)
        .Add("chunk_size", ChunkSize);
}
