using System;
using Teleport.Records;
using Teleport.Teleportation;

namespace Teleport.Geometry;

/// <summary>How ψ is measured (<see cref="OrbitCurvature{T}"/>).</summary>
public sealed record OrbitCurvatureOptions
{
    /// <summary>
    /// <see cref="OrbitDerivativeMode.Paper"/> (the default, the ICLR 2024 code's ψ: σ″ dropped, per-pair sums of γ″) or
    /// <see cref="OrbitDerivativeMode.Exact"/> (the derivatives of the composed curve, σ″ terms included).
    /// </summary>
    public OrbitDerivativeMode Mode { get; init; } = OrbitDerivativeMode.Paper;

    /// <summary>The symmetry whose orbit is followed on every hidden layer (the paper's ψ: S3).</summary>
    public string Symmetry { get; init; } = "S3";

    /// <summary>Samples per curve (the paper: 200).</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>Curves (fresh generators) per batch; the paper draws one per batch over 200 batches.</summary>
    public int CurvesPerBatch { get; init; } = 1;

    /// <summary>The paper's ψ.</summary>
    public static OrbitCurvatureOptions Paper { get; } = new();

    /// <summary>ψ of the exact orbit curves (same generators and batches, exact derivatives).</summary>
    public static OrbitCurvatureOptions Exact { get; } = new() { Mode = OrbitDerivativeMode.Exact };

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CurvesPerBatch);
        ArgumentException.ThrowIfNullOrEmpty(Symmetry);
        if (Mode is < OrbitDerivativeMode.Exact or > OrbitDerivativeMode.Paper)
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "Unknown orbit derivative mode.");
    }

    /// <summary>"paper" or "exact" (or the flags' names).</summary>
    public string ModeName => Mode switch
    {
        OrbitDerivativeMode.Paper => "paper",
        OrbitDerivativeMode.Exact => "exact",
        OrbitDerivativeMode.DropActivationCurvature => "drop_activation_curvature",
        _ => "per_pair_sum",
    };

    public RecordFields Describe() => new RecordFields()
        .Add("mode", ModeName)
        .Add("symmetry", Symmetry)
        .Add("batch_size", BatchSize)
        .Add("curves_per_batch", CurvesPerBatch);
}
