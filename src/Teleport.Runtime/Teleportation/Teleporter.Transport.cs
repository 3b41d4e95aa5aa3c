using System;
using System.Numerics.Tensors;
using Teleport.Kernels;

namespace Teleport.Teleportation;

/// <summary>
/// The group teleport's objective by gradient transport (<see cref="TeleportOptions.GradientTransport"/>): for
/// symmetries that act linearly, θ → M(g)·θ with L(M(g)·θ) = L(θ) on any data, the ascent reads the batch once
/// (and the end point once more).
/// </summary>
/// <remarks>
/// <para>
/// Invariance gives ∇L(M(g)·θ) = M(g)⁻ᵀ·∇L(θ) — the covector transport the optimizer state already uses
/// (<see cref="ITeleportable{T}.TransportCovector"/>) — so F = ‖∇L‖² at every trial point is the norm of the
/// transported gradient. Differentiating L(e^{tA}·θ) = L(θ) in t and then in θ gives Aᵀ·∇L + H·A·θ = 0, so
/// ∂F/∂T = ⟨2H·∇L, A_T·θ⟩ = −2⟨∇L, A_T·∇L⟩: the symmetry's own adjoint kernel with the gradient in place of both
/// the parameters and their covector (<see cref="LinearSymmetryLayout.Adjoint{T}"/>). One gradient evaluation
/// at the start (and one at the end point, below) replaces the gradient plus Hessian-vector product per step (on
/// paper-cnn, 11 of those per teleport).
/// </para>
/// <para>
/// The trial loss is the starting loss (exact invariance); the loss at the end point is checked on the batch — in
/// double through the twin (<see cref="AscendGuarded"/>), otherwise in the model's precision
/// (<see cref="AscendTransportChecked"/>) — and a drift beyond the tolerance starts the teleport over with the
/// recomputing ascent.
/// </para>
/// <para>
/// The end point's ‖∇L‖² — the report's <see cref="TeleportReport.GradNormSquaredAfter"/> and
/// <see cref="TeleportReport.ObjectiveAfter"/> — is recomputed there on the batch as well (per teleport that moved: a
/// backward pass beside that loss's forward one without a twin, one forward and backward pass in the model's precision
/// with one). The transported gradient equals it only to rounding (each step's M(g)⁻ᵀ rounds, and the rounding
/// accumulates over the steps), and a user reads "‖∇L‖² after" as the gradient at the parameters the teleport ends
/// on. The trace keeps the values the ascent judged its steps by, the transported ones.
/// </para>
/// </remarks>
public sealed partial class Teleporter<T>
{
    private LinearSymmetryLayout?[] layouts = [];
    private AlignedArray<T> acceptedGradient = AlignedArray<T>.Empty;
    private bool transporting;
    private T transportLoss;

    /// <summary>The layouts of the linear symmetries (null for the others); called once by the constructor.</summary>
    private void InitializeTransport()
    {
        layouts = new LinearSymmetryLayout?[ids.Length];
        for (int s = 0; s < ids.Length; s++)
        {
            layouts[s] = LinearSymmetryLayout.TryCreate(info, info.Symmetries[s]);
        }

        acceptedGradient = new AlignedArray<T>(info.ParameterCount);
    }

    /// <summary>
    /// Whether this teleport transports the gradient: allowed by the options, the objective ‖∇L‖² (the other objectives
    /// evaluate the loss off the orbit, where invariance says nothing) and every active symmetry linear.
    /// </summary>
    private bool CanTransport(TeleportOptions options)
    {
        if (!options.GradientTransport || options.Objective != TeleportObjective.GradientNorm)
        {
            return false;
        }

        for (int s = 0; s < ids.Length; s++)
        {
            if (active[s] && layouts[s] is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>L, F and ∂F/∂T at the current parameters: by one gradient evaluation when transporting, else the model's objective gradient.</summary>
    private TeleportObjectiveValue<T> StartObjective(ReadOnlySpan<T> inputs, Targets<T> targets, Span<T> lie)
    {
        if (!transporting)
        {
            return model.TeleportObjectiveGradient(inputs, targets, active, default, lie);
        }

        transportLoss = model.LossAndGradient(inputs, targets, gradient);
        LongVectors.Copy<T>(gradient.Span, acceptedGradient, halves);
        return TransportedObjective(lie);
    }

    /// <summary>L, F and ∂F/∂T at a trial point (the parameters after <see cref="ApplySteps"/> moved them from the last accepted point).</summary>
    private TeleportObjectiveValue<T> TrialObjective(ReadOnlySpan<T> inputs, Targets<T> targets, Span<T> lie)
    {
        if (!transporting)
        {
            return model.TeleportObjectiveGradient(inputs, targets, active, default, lie);
        }

        // ∇L(g·θ) = M(g)⁻ᵀ·∇L(θ), symmetry by symmetry in the order they were applied
        LongVectors.Copy<T>(acceptedGradient, gradient, halves);
        foreach (int s in order)
        {
            if (active[s] && !model.TransportCovector(s, elements.AsSpan(offsets[s], ElementLength(s)), gradient, squared: false))
            {
                return new(T.NaN, T.NaN);
            }
        }

        return TransportedObjective(lie);
    }

    /// <summary>
    /// Makes the trial point's transported gradient the accepted one: the two buffers trade places (the next trial copies
    /// the accepted gradient into <see cref="gradient"/> before transporting it, so what is left there does not matter).
    /// A copy of the whole gradient fewer per accepted step: 2.7 MB on the wide network.
    /// </summary>
    private void AcceptTrialGradient()
    {
        if (transporting)
        {
            (gradient, acceptedGradient) = (acceptedGradient, gradient);
        }
    }

    /// <summary>
    /// L and ‖∇L‖² recomputed on the batch at the current parameters (the end point of a transporting ascent that took a
    /// step), in the model's precision; ∇L is left in <see cref="gradient"/>, which nothing reads before the next
    /// teleport's <see cref="StartObjective"/> overwrites it.
    /// </summary>
    private (double Loss, double GradNormSquared) EndPointLossAndGradient(ReadOnlySpan<T> inputs, Targets<T> targets)
    {
        double loss = double.CreateTruncating(model.LossAndGradient(inputs, targets, gradient));
        return (loss, double.CreateTruncating(Reductions.SumOfSquares<T>(gradient)));
    }

    /// <summary>
    /// The end of a guarded ascent (with the double twin, whose loss is already checked): when it transported the gradient
    /// and took a step, <paramref name="objective"/> ← ‖∇L‖² recomputed on the batch in the model's precision (one
    /// <see cref="IDifferentiableModel{T}.LossAndGradient"/>; the loss stays the double one). If that is not finite where the
    /// transported value was (float's edge, or an action that keeps L but not ∇L), the teleport starts over from θ₀ with
    /// the recomputing ascent, guarded the same way, which judges every step's ‖∇L‖² itself — a teleport ends at a point
    /// whose reported values were checked finite (<c>TeleportEventRules</c>).
    /// </summary>
    private TeleportStopReason EndTransportGuarded(ReadOnlySpan<T> inputs, Targets<T> targets, TeleportOptions options, TeleportStopReason reason,
        double startLoss, double startObjective, ref double loss, ref double objective)
    {
        if (!transporting || Report.StepsTaken == 0)
        {
            return reason;
        }

        double end = EndPointLossAndGradient(inputs, targets).GradNormSquared;
        if (double.IsFinite(end))
        {
            objective = end;
            return reason;
        }

        (loss, objective) = (startLoss, startObjective);
        RestartFromOrigin(inputs, targets, options, keepTransport: false, startLoss, startObjective);
        return AscendGuarded(inputs, targets, options, ref loss, ref objective);
    }

    /// <summary>F = ‖∇L‖² and ∂F/∂T = −2⟨∇L, A_T·∇L⟩ per active symmetry, from <see cref="gradient"/>.</summary>
    private TeleportObjectiveValue<T> TransportedObjective(Span<T> lie)
    {
        for (int s = 0; s < ids.Length; s++)
        {
            if (!active[s])
            {
                continue;
            }

            Span<T> slice = lie.Slice(offsets[s], ElementLength(s));
            layouts[s]!.Value.Adjoint<T>(gradient, gradient, slice);
            TensorPrimitives.Multiply(slice, T.CreateTruncating(-2), slice);
        }

        return new(transportLoss, Reductions.SumOfSquares<T>(gradient));
    }
}
