using Teleport.Optimizers;
using Teleport.Teleportation;

namespace Teleport.Training;

/// <summary>
/// Applies an <see cref="OptimizerStatePolicy"/> to an optimizer after a teleport (or, for a control
/// run, at the same point without one). Allocation-free.
/// </summary>
internal static class OptimizerStateTransport
{
    /// <summary>
    /// After a teleport by <paramref name="teleporter"/>: reset, keep, or transport every buffer with the
    /// accumulated group elements — <see cref="OptimizerBufferKind.FirstMoment"/> as a covector,
    /// <see cref="OptimizerBufferKind.SecondMoment"/> and <see cref="OptimizerBufferKind.Accumulator"/> with
    /// the squared factors; <see cref="OptimizerBufferKind.PreconditionedMoment"/> (RMSProp's momentum, a sum of
    /// g/(√v + eps)) is invariant under the diagonal group and kept as it is. A transport that a data-dependent symmetry
    /// makes impossible resets instead, as does a preconditioned moment after a GL(k) symmetry moved θ. After a
    /// level-set or null-space teleport (<see cref="TeleportOptions.Method"/>) there is no group element: the
    /// parameters moved in their own coordinates, so transport keeps the state as it is (reset still resets).
    /// </summary>
    public static OptimizerStateOutcome AfterTeleport(OptimizerStatePolicy policy, Optimizer<float> optimizer, Teleporter<float> teleporter)
    {
        switch (policy)
        {
            case OptimizerStatePolicy.Reset:
                optimizer.Reset();
                return OptimizerStateOutcome.Reset;
            case OptimizerStatePolicy.Keep:
                return OptimizerStateOutcome.Kept;
        }
        // A level-set or null-space teleport moves θ in the same coordinates (no change of basis, no group element to
        // transport with): the state is carried as it is, as after any other parameter update.
        if (teleporter.Report.Method != TeleportMethod.Group) return OptimizerStateOutcome.Kept;
        if (!AnyUsed(teleporter)) return OptimizerStateOutcome.Kept;
        if (TransportBlockedBy(optimizer, teleporter) is not null)
        {
            optimizer.Reset();
            return OptimizerStateOutcome.ResetFallback;
        }
        foreach (var buffer in optimizer.Buffers)
        {
            // g/(√v + eps) per parameter: a diagonal rescaling multiplies g by c and √v by |c| (transported as a gradient,
            // c·b, it was added to unscaled terms at the next step)
            if (buffer.Kind == OptimizerBufferKind.PreconditionedMoment) continue;
            if (teleporter.TransportCovector(buffer.Values, squared: buffer.Kind != OptimizerBufferKind.FirstMoment)) continue;
            // The model refused a transport: a half-transported state is worse than a fresh one.
            optimizer.Reset();
            return OptimizerStateOutcome.ResetFallback;
        }
        return OptimizerStateOutcome.Transported;
    }

    /// <summary>
    /// At a teleport point of a control run (no teleport): what the policy does when the parameters do not
    /// move — a reset stays a reset; keeping and transporting by the identity leave the state as it is.
    /// </summary>
    public static OptimizerStateOutcome WithoutTeleport(OptimizerStatePolicy policy, Optimizer<float> optimizer)
    {
        if (policy != OptimizerStatePolicy.Reset) return OptimizerStateOutcome.Kept;
        optimizer.Reset();
        return OptimizerStateOutcome.Reset;
    }

    /// <summary>
    /// The id of the symmetry that makes transporting <paramref name="optimizer"/>'s state impossible after the last teleport,
    /// or null: a data-dependent one ("S4@0") it moved the parameters with, or, when the state holds a
    /// <see cref="OptimizerBufferKind.PreconditionedMoment"/>, a GL(k) one ("S1@0").
    /// </summary>
    public static string? TransportBlockedBy(Optimizer<float> optimizer, Teleporter<float> teleporter)
    {
        if (DataDependentSymmetryUsed(teleporter) is { } dataDependent) return dataDependent;
        var preconditioned = false;
        foreach (var buffer in optimizer.Buffers) preconditioned |= buffer.Kind == OptimizerBufferKind.PreconditionedMoment;
        if (!preconditioned) return null;
        var symmetries = teleporter.Model.Info.Symmetries;
        for (var s = 0; s < teleporter.SymmetryCount; s++)
            if (teleporter.IsUsed(s) && !teleporter.IsDiagonal(s))
                return $"{symmetries[s].Id}@{symmetries[s].Layer}";
        return null;
    }

    /// <summary>The id ("S4@0") of a data-dependent symmetry the last teleport moved the parameters with, or null.</summary>
    public static string? DataDependentSymmetryUsed(Teleporter<float> teleporter)
    {
        var symmetries = teleporter.Model.Info.Symmetries;
        for (var s = 0; s < teleporter.SymmetryCount; s++)
            if (teleporter.IsUsed(s) && symmetries[s].IsDataDependent)
                return $"{symmetries[s].Id}@{symmetries[s].Layer}";
        return null;
    }

    private static bool AnyUsed(Teleporter<float> teleporter)
    {
        for (var s = 0; s < teleporter.SymmetryCount; s++)
            if (teleporter.IsUsed(s)) return true;
        return false;
    }
}
