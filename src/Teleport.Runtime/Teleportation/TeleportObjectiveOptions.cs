using System;
using System.Globalization;

namespace Teleport.Teleportation;

/// <summary>
/// Settings of the teleport objectives other than ‖∇L‖² (<see cref="TeleportOptions.ObjectiveSettings"/>). Every setter
/// validates its value and throws <see cref="ArgumentOutOfRangeException"/> naming it.
/// </summary>
public sealed class TeleportObjectiveOptions
{
    private double[] sharpnessRadii = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    private int sharpnessDirections = 100;
    private int traceProbes = 10;
    private double cap = double.PositiveInfinity;

    /// <summary>
    /// Radii t of the sharpness objective. Default the authors' 0.1, 0.2, …, 0.9 (their φ_tele divides the sum over
    /// these 9 radii by 10; this objective is the plain mean, 10/9 of theirs). Each finite and ≥ 0; at least one. The getter
    /// returns the array itself: a radius written into it is checked when a sharpness teleport starts.
    /// </summary>
    public double[] SharpnessRadii
    {
        get => sharpnessRadii;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CheckRadii(value);
            sharpnessRadii = (double[])value.Clone();
        }
    }

    /// <summary>
    /// Throws unless <paramref name="radii"/> are one or more finite radii ≥ 0. Also checked when a teleport starts: the
    /// getter returns the array itself (the objective reads it without allocating), so an element changed after the
    /// setter's check reached the objective unchecked — a negative radius perturbed the other way, a NaN one stopped the
    /// teleport as NonFinite.
    /// </summary>
    internal static void CheckRadii(double[] radii)
    {
        bool valid = radii.Length > 0;
        foreach (double r in radii)
        {
            valid &= r >= 0 && double.IsFinite(r);
        }

        if (!valid)
        {
            throw new ArgumentOutOfRangeException(nameof(SharpnessRadii), $"SharpnessRadii must be one or more finite radii ≥ 0; they are [{string.Join(", ", Array.ConvertAll(radii, r => r.ToString("R", CultureInfo.InvariantCulture)))}].");
        }
    }

    /// <summary>Directions u_d ~ U[0,1)^P per radius of the sharpness objective; ≥ 1. Default 100 (the authors').</summary>
    public int SharpnessDirections
    {
        get => sharpnessDirections;
        set => sharpnessDirections = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SharpnessDirections), value, "SharpnessDirections must be ≥ 1.");
    }

    /// <summary>Rademacher probes of the Hessian-trace objective; ≥ 1. Default 10.</summary>
    public int TraceProbes
    {
        get => traceProbes;
        set => traceProbes = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(TraceProbes), value, "TraceProbes must be ≥ 1.");
    }

    /// <summary>
    /// Largest accepted objective value while increasing it (the authors stop the sharpness ascent at φ_tele &gt; 2.0);
    /// &gt; 0, may be +∞. Default +∞. Does not apply to ‖∇L‖² (see <see cref="TeleportOptions.GradientNormSquaredCap"/>).
    /// </summary>
    public double Cap
    {
        get => cap;
        set => cap = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Cap), value, "Cap must be > 0 (+∞ for no cap).");
    }

    private double eigenvalueTolerance = 1e-3;

    /// <summary>Relative residual ‖Hu − λu‖/|λ| the top-eigenvalue objective's Lanczos runs to at every evaluation; &gt; 0. Default 1e-3.</summary>
    public double EigenvalueTolerance
    {
        get => eigenvalueTolerance;
        set => eigenvalueTolerance = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(EigenvalueTolerance), value, "EigenvalueTolerance must be finite and > 0.");
    }

    /// <summary>Seeds the sharpness directions, trace probes and curvature generators; the k-th teleport of a teleporter draws stream k.</summary>
    public long Seed { get; set; }

    /// <summary>A copy with the same settings.</summary>
    public TeleportObjectiveOptions Clone()
    {
        var copy = (TeleportObjectiveOptions)MemberwiseClone();
        copy.sharpnessRadii = (double[])sharpnessRadii.Clone();
        return copy;
    }
}
