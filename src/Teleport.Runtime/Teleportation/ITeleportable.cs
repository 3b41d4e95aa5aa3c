using System;
using System.Numerics;

namespace Teleport.Teleportation;

/// <summary>
/// What the teleporter needs from a network, beyond its loss and derivatives: the teleport objective
/// F = ‖∇L‖² with its gradient on each symmetry's Lie algebra, and the finite group actions.
/// Generated networks implement it for the symmetries the generator derived (listed, in order, in
/// <see cref="NetworkInfo.Symmetries"/>); hand-written models may implement it too.
/// </summary>
/// <remarks>
/// <para>
/// Lie-algebra layout: symmetry s occupies <c>Dimension</c> values starting at the sum of the
/// dimensions of the symmetries before it. A GL(k) element (S1, S3, S4) is k×k row-major; the
/// positive diagonal group (S2) is its k diagonal entries.
/// </para>
/// <para>
/// What <see cref="Teleporter{T}"/> relies on: the objective is evaluated at the current
/// <see cref="IDifferentiableModel{T}.Parameters"/> on the batch it is given; the teleporter treats
/// each symmetry's <see cref="SymmetryInfo.Group"/> as the layout of its elements (k factors for the
/// diagonal group, k×k for GL(k)) and its kind, exactness and <see cref="SymmetryInfo.IsDataDependent"/>
/// as declared; it applies at most one symmetry per hidden layer, in layer
/// order, and restores <see cref="IDifferentiableModel{T}.Parameters"/> from its own copy when it
/// rejects a step. <see cref="SymmetryKernels"/> provides the adjoints, actions and transports of
/// S1–S4 for one hidden layer; an implementation calls the one for each symmetry with the layer's
/// slices of the parameters, of ∂F/∂θ and of its forward-pass buffers.
/// </para>
/// </remarks>
public interface ITeleportable<T> : IDifferentiableModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// One fused pass: the loss L, the gradient ∇L (written to <paramref name="gradient"/> unless it is
    /// empty, which lets a model skip work it does not otherwise need), F = ‖∇L‖²,
    /// ∂F/∂θ = 2·H·∇L (one Hessian-vector product), and for every symmetry s with
    /// <c>active[s]</c> the adjoint ∂F(g·θ)/∂T at g = I written to its slice of
    /// <paramref name="lieAlgebraGradient"/> (inactive slices are left as they were). <paramref name="gradient"/> must
    /// not overlap <see cref="IDifferentiableModel{T}.Parameters"/>.
    /// </summary>
    TeleportObjectiveValue<T> TeleportObjectiveGradient(
        ReadOnlySpan<T> inputs, Targets<T> targets, ReadOnlySpan<bool> active, Span<T> gradient, Span<T> lieAlgebraGradient);

    /// <summary>
    /// Applies symmetry <paramref name="symmetry"/>'s finite action with group element
    /// <paramref name="groupElement"/> to <see cref="IDifferentiableModel{T}.Parameters"/>.
    /// Data-dependent actions (S3, S4) use <paramref name="inputs"/> (the teleport batch).
    /// Returns false, leaving the parameters unchanged, when the action is undefined there
    /// (a singular element, values outside σ's range, a failed factorisation).
    /// </summary>
    bool ApplyGroupAction(int symmetry, ReadOnlySpan<T> groupElement, ReadOnlySpan<T> inputs);

    /// <summary>
    /// Applies symmetry <paramref name="symmetry"/>'s finite action with <paramref name="groupElement"/>,
    /// or the largest part of it that the action's domain allows, writes the element it applied back
    /// into <paramref name="groupElement"/>, and says what happened (parameters unchanged unless
    /// <see cref="GroupActionResult.Applied"/>). The teleporter calls this one. A generated network's
    /// S3 on a bounded-range σ (tanh, sigmoid, softplus) holds back each unit to a quarter of its
    /// distance to σ's range boundary (see <see cref="SymmetryKernels.DataDependentAction{T, TActivation, TInverse}"/>),
    /// so saturated units stop blocking the others. The default applies the element as given
    /// (<see cref="ApplyGroupAction"/>) and reports a refusal as <see cref="GroupActionResult.Undefined"/>.
    /// </summary>
    GroupActionResult ApplyGroupActionWithinDomain(int symmetry, Span<T> groupElement, ReadOnlySpan<T> inputs) =>
        ApplyGroupAction(symmetry, groupElement, inputs) ? GroupActionResult.Applied : GroupActionResult.Undefined;

    /// <summary>
    /// Transforms a parameter-shaped covector (a gradient, an optimizer's first moment) the way the
    /// gradient transforms under the linear action g of an exact symmetry (S1, S2):
    /// G_V → g⁻ᵀ·G_V, G_b → g⁻ᵀ·G_b, G_U → G_U·gᵀ. With <paramref name="squared"/>, transforms a
    /// second moment (elementwise squares) with the squared factors — exact for the diagonal group,
    /// the diagonal approximation for GL(k). Returns false for data-dependent symmetries.
    /// </summary>
    bool TransportCovector(int symmetry, ReadOnlySpan<T> groupElement, Span<T> covector, bool squared);

    /// <summary>
    /// Announces repeated evaluations on one batch (a teleport): the model may cache what depends on
    /// the batch alone (see <see cref="TeleportSession{T}"/>). Until <see cref="EndTeleportSession"/>,
    /// <see cref="TeleportObjectiveGradient"/> and <see cref="ApplyGroupAction"/> get this batch, and
    /// the parameters change only through <see cref="ApplyGroupAction"/> or after
    /// <see cref="InvalidateTeleportSession"/>. The default does nothing.
    /// </summary>
    void BeginTeleportSession(ReadOnlySpan<T> inputs) { }

    /// <summary>Tells the model that its parameters were changed outside <see cref="ApplyGroupAction"/> (e.g. a rollback).</summary>
    void InvalidateTeleportSession() { }

    /// <summary>Ends the session begun by <see cref="BeginTeleportSession"/>.</summary>
    void EndTeleportSession() { }
}

/// <summary>The loss and F = ‖∇L‖² at the point where the teleport objective was evaluated.</summary>
public readonly record struct TeleportObjectiveValue<T>(T Loss, T GradientNormSquared) where T : unmanaged;
