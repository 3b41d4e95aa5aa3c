using System;
using System.Numerics.Tensors;
using Teleport.Kernels;

namespace Teleport.Teleportation;

/// <summary>
/// The group teleport's objective by gradient transport (<see cref="TeleportOptions.GradientTransport"/>): for
/// symmetries that act linearly, θ → M(g)·θ with L(M(g)·θ) = L(θ) on any data, the batch is read once.
/// </summary>
/// <remarks>
/// <para>
/// Invariance gives ∇L(M(g)·θ) = M(g)⁻ᵀ·∇L(θ) — the covector transport the optimizer state already uses
/// (<see cref="ITeleportable{T}.TransportCovector"/>) — so F = ‖∇L‖² at every trial point is the norm of the
/// transported gradient. Differentiating L(e^{tA}·θ) = L(θ) in t and then in θ gives Aᵀ·∇L + H·A·θ = 0, so
/// ∂F/∂T = ⟨2H·∇L, A_T·θ⟩ = −2⟨∇L, A_T·∇L⟩: the symmetry's own adjoint kernel with the gradient in place of both
/// the parameters and their covector (<see cref="LinearSymmetryLayout.Adjoint{T}"/>). One gradient evaluation
/// replaces the gradient plus Hessian-vector product per step (on paper-cnn, 11 of those per teleport).
/// </para>
/// <para>
/// The trial loss is the starting loss (exact invariance); the loss at the end point is checked on the batch —
/// in double through the twin (<see cref="AscendGuarded"/>), otherwise here — and a drift beyond the tolerance
/// starts the teleport over with the recomputing ascent.
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
