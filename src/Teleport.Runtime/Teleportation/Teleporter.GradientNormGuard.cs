using System;
using Teleport.Kernels;

namespace Teleport.Teleportation;

/// <summary>
/// ‖∇L‖² under the objectives other than ‖∇L‖² (curvature, sharpness, Hessian trace, λmax). Their steps never evaluate it,
/// but the report gives it before and after, and it is not finite where those objectives may well be: κ does not read the
/// loss at all, and moving along S2 towards a smaller V and a larger U raises the Hessian trace and ‖∇L‖² together, past
/// float's range (<c>ObjectiveOverflowTests</c>: "completed" with ‖∇L‖² after = ∞, and "no_improvement" from a start
/// where it was ∞ already). A teleport that would end there is not one the guard lets through.
/// </summary>
/// <remarks>
/// Cheaply, as the guard in double: ‖∇L‖² is computed where the report needs it anyway — θ₀ and the end point. Not finite
/// at θ₀: the teleport stops <see cref="TeleportStopReason.NonFinite"/> where it began (above
/// <see cref="TeleportOptions.GradientNormSquaredCap"/>: <see cref="TeleportStopReason.CapReached"/>). Not finite or above the
/// cap at the end: it starts over from θ₀ with every trial's ‖∇L‖² judged by <see cref="NonFiniteRule"/> and the cap as well
/// (one gradient evaluation more per trial), so a step to a point where it overflows is rolled back and retried shorter like
/// any other non-finite step, and one past the cap like a step past the objective's own cap. The cap had not been read
/// under these objectives: raising λmax took ‖∇L‖² from 0.093 to 12 through a cap of 6 (<c>GradientNormCapTests</c>).
/// A teleport that never meets such a point costs and returns exactly what it did.
/// </remarks>
public sealed partial class Teleporter<T>
{
    private bool judgeGradientNorm;

    /// <summary>
    /// <see cref="AscendGuarded"/> for an objective other than ‖∇L‖², keeping ‖∇L‖² finite at both ends;
    /// <paramref name="gradNormAfter"/> is its value at the end point.
    /// </summary>
    private TeleportStopReason AscendKeepingGradientNormFinite(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options,
        double gradNormBefore, ref double loss, ref double objective, out double gradNormAfter)
    {
        gradNormAfter = gradNormBefore;
        if (!double.IsFinite(gradNormBefore))
        {
            return TeleportStopReason.NonFinite;
        }

        if (gradNormBefore > options.GradientNormSquaredCap)
        {
            return TeleportStopReason.CapReached;
        }

        LongVectors.Copy<T>(model.Parameters, origin, halves);
        double startLoss = loss, startObjective = objective;
        TeleportStopReason reason = AscendGuarded(inputs, targets, options, ref loss, ref objective);
        gradNormAfter = GradientNormSquared(inputs, targets);
        if (double.IsFinite(gradNormAfter) && gradNormAfter <= options.GradientNormSquaredCap)
        {
            return reason;
        }

        (loss, objective) = (startLoss, startObjective);
        RestartFromOrigin(inputs, targets, options, keepTransport: true, startLoss, startObjective);
        judgeGradientNorm = true;
        try
        {
            reason = AscendGuarded(inputs, targets, options, ref loss, ref objective);
        }
        finally
        {
            judgeGradientNorm = false;
        }

        // every accepted point's ‖∇L‖² was judged finite and within the cap, θ₀'s too: the end's is
        gradNormAfter = GradientNormSquared(inputs, targets);
        return reason;
    }

    /// <summary>‖∇L‖² at a trial point when the teleport judges it (<see cref="AscendKeepingGradientNormFinite"/>), else 0.</summary>
    private double TrialGradientNormSquared(ReadOnlySpan<T> inputs, Targets<T> targets) =>
        judgeGradientNorm ? GradientNormSquared(inputs, targets) : 0;
}
