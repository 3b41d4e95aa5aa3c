using System;

namespace Teleport.Teleportation;

/// <summary>
/// Settings of the level-set teleport (<see cref="TeleportMethod.LevelSet"/>): the normalised SLP solver of
/// Mishkin, Bietti and Gower (2024). Every setter validates its value and throws
/// <see cref="ArgumentOutOfRangeException"/> naming it.
/// </summary>
/// <remarks>
/// Defaults are the paper's experiment settings where they exist (ρ = 0.1, line search on, sub-level on,
/// Armijo α = β = 0.5, 25 backtracks, KKT tolerances 1e-6) and measured on this repository's Fashion-MNIST
/// network otherwise (<see cref="Steps"/> = 10 and <see cref="Restorations"/> = 5: docs/EXPERIMENTS.md, "Choosing the
/// methods' defaults").
/// The drift guard (<see cref="TeleportOptions.LossTolerance"/>) and the ‖∇L‖² cap come from the enclosing
/// <see cref="TeleportOptions"/>.
/// </remarks>
public sealed class LevelSetOptions
{
    private int steps = 10;
    private double stepSize = 0.1;
    private int maxBacktracks = 25;
    private double armijo = 0.5;
    private double backtrackFactor = 0.5;
    private double kktTolerance = 1e-6;
    private double constraintTolerance = 1e-6;
    private int restorations = 5;

    /// <summary>SLP iterations (each: one gradient, one HVP, plus line-search evaluations); ≥ 0. Default 10, by measurement (the paper: 50).</summary>
    public int Steps
    {
        get => steps;
        set => steps = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Steps), value, "Steps must be ≥ 0.");
    }

    /// <summary>ρ, the initial step along s = H·∇L/‖∇L‖² (the line search adapts it); finite and &gt; 0. Default 0.1.</summary>
    public double StepSize
    {
        get => stepSize;
        set => stepSize = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(StepSize), value, "StepSize must be finite and > 0.");
    }

    /// <summary>Armijo backtracking on the merit ½·log‖∇L‖² − γ·pen(L − L₀). Default true (the paper's experiments).</summary>
    public bool LineSearch { get; set; } = true;

    /// <summary>Constraint L ≤ L₀ instead of L = L₀: the correction along −∇L is applied only when it lowers L. Default true.</summary>
    public bool SubLevel { get; set; } = true;

    /// <summary>Backtracks of one line search; ≥ 1. Default 25.</summary>
    public int MaxBacktracks
    {
        get => maxBacktracks;
        set => maxBacktracks = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxBacktracks), value, "MaxBacktracks must be ≥ 1.");
    }

    /// <summary>α of the Armijo condition; in (0, 1). Default 0.5.</summary>
    public double Armijo
    {
        get => armijo;
        set => armijo = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Armijo), value, "Armijo must be in (0, 1).");
    }

    /// <summary>β, the factor ρ shrinks by per backtrack (and 1/β it grows by after an easy step); in (0, 1). Default 0.5.</summary>
    public double BacktrackFactor
    {
        get => backtrackFactor;
        set => backtrackFactor = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(BacktrackFactor), value, "BacktrackFactor must be in (0, 1).");
    }

    /// <summary>KKT stop: ‖(gᵀs/‖g‖²)·g − s‖² at most this; finite and ≥ 0. Default 1e-6.</summary>
    public double KktTolerance
    {
        get => kktTolerance;
        set => kktTolerance = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(KktTolerance), value, "KktTolerance must be finite and ≥ 0.");
    }

    /// <summary>KKT stop: pen(L − L₀) at most this (absolute, as in the paper); finite and ≥ 0. Default 1e-6.</summary>
    public double ConstraintTolerance
    {
        get => constraintTolerance;
        set => constraintTolerance = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(ConstraintTolerance), value, "ConstraintTolerance must be finite and ≥ 0.");
    }

    /// <summary>
    /// Restoration steps after the solver (this library's addition, not the authors'): when the last iterate has a
    /// larger ‖∇L‖² than every feasible one but sits off the level set by more than the drift tolerance (SLP's
    /// first-order correction leaves an O(ρ²) gap), up to this many Newton steps θ ← θ − (L − L₀)/‖∇L‖²·∇L pull it
    /// back (one gradient each). 0 = the authors' solver alone; ≥ 0. Default 5, by measurement (docs/EXPERIMENTS.md).
    /// </summary>
    public int Restorations
    {
        get => restorations;
        set => restorations = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Restorations), value, "Restorations must be ≥ 0.");
    }

    /// <summary>A copy with the same settings.</summary>
    public LevelSetOptions Clone() => (LevelSetOptions)MemberwiseClone();
}
