namespace Teleport.Training;

/// <summary>What happens to the optimizer's state (moments, accumulators, step count) after a teleport.</summary>
/// <remarks>
/// A teleport moves the parameters θ → g·θ along a symmetry orbit; the optimizer's buffers were
/// accumulated at the old point. The paper re-creates the optimizer (<see cref="Reset"/>); the
/// alternatives keep the buffers as they are or carry them along with the group action.
/// </remarks>
public enum OptimizerStatePolicy
{
    /// <summary>
    /// Clear every buffer and the step count, as a freshly created optimizer (the paper's code re-creates
    /// the optimizer after each teleport). The learning rate is kept.
    /// </summary>
    Reset,

    /// <summary>Leave the state as it is.</summary>
    Keep,

    /// <summary>
    /// Transport the buffers with the teleport's accumulated group elements
    /// (<see cref="Teleportation.Teleporter{T}.TransportCovector"/>): first moments as covectors
    /// (G → g⁻ᵀG), second moments and accumulators as squared covectors, RMSProp's momentum (a sum of
    /// g/(√v + eps), invariant under the diagonal group) as it is; the step count is kept. Exact
    /// symmetries only: when a data-dependent symmetry (S3, S4) moved the parameters there is no linear
    /// transport, and the state is reset instead (reported as <see cref="OptimizerStateOutcome.ResetFallback"/>); so
    /// is RMSProp's with momentum after a GL(k) symmetry (S1) moved them.
    /// A level-set or null-space teleport has no group element at all: it moves θ in its own coordinates like any
    /// update, so the state is kept as it is (reported as <see cref="OptimizerStateOutcome.Kept"/>).
    /// </summary>
    Transport,
}
