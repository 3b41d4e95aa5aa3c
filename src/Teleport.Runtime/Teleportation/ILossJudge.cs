using System.Numerics;
using System.Threading;

namespace Teleport.Teleportation;

/// <summary>
/// The loss a teleport's drift guard judges a point by: the model's own loss, or — when a
/// <see cref="Teleporter{T}"/> guards in double and float rounding hid a drift — the loss recomputed by the
/// model's Float64 twin (<see cref="IHasFloat64Twin"/>). Lets the non-group methods share the group teleport's guard.
/// </summary>
internal interface ILossJudge<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The loss to judge the current parameters by, given the model's own loss there.</summary>
    double StepLoss(T modelLoss);

    /// <summary>The stop request of the teleport under way, which the solvers check before each step (none by default).</summary>
    CancellationToken Cancellation => CancellationToken.None;
}

/// <summary>The judge without a twin: the model's loss, widened.</summary>
internal sealed class ModelLossJudge<T> : ILossJudge<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly ModelLossJudge<T> Instance = new();

    public double StepLoss(T modelLoss) => double.CreateTruncating(modelLoss);
}
