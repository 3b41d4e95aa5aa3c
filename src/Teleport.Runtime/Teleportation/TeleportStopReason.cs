namespace Teleport.Teleportation;

/// <summary>Why a teleport stopped (see <see cref="TeleportReport.StopReason"/>).</summary>
public enum TeleportStopReason
{
    /// <summary>All requested steps were accepted (or zero steps were asked for).</summary>
    Completed,

    /// <summary>
    /// ‖∇L‖² reached the cap (<see cref="TeleportOptions.GradientNormSquaredCap"/>, under every objective), or another
    /// objective being raised reached its own (<see cref="TeleportObjectiveOptions.Cap"/>): it was above the cap at the
    /// start, or a trial step crossed it — the step was then retried shorter and, if a retry stayed under the cap,
    /// accepted before stopping.
    /// </summary>
    CapReached,

    /// <summary>
    /// The ascent stalled: the Lie-algebra gradient was zero (a critical point of ‖∇L‖² on the orbit), the step was
    /// too short to move anything (η·T zero, every group element exactly the identity, or a null-space step below every
    /// parameter's half ulp; after a rejected retry the reason is that rejection's), or every backtracked retry of a step
    /// lowered ‖∇L‖² (with <see cref="TeleportOptions.RequireAscent"/>).
    /// </summary>
    NoImprovement,

    /// <summary>Every backtracked retry of a step moved the loss beyond <see cref="TeleportOptions.LossTolerance"/>.</summary>
    DriftLimit,

    /// <summary>
    /// Values were not finite: at the start (loss, ‖∇L‖², parameters or the Lie-algebra gradient), or
    /// on every backtracked retry of a step (or the group element / action was undefined there:
    /// <see cref="GroupActionResult.Undefined"/>); for the level set, on the last trial of a line search. ‖∇L‖² counts
    /// under every objective, and the parameters end at the last point whose values were all finite (the start, when it
    /// was the start's that were not).
    /// </summary>
    NonFinite,

    /// <summary>The model has no usable symmetry for the chosen <see cref="SymmetrySet"/>; nothing moved.</summary>
    NoSymmetry,

    /// <summary>
    /// Every backtracked retry of a step would have moved an activation outside its σ's range, where a
    /// data-dependent action (S3) is undefined (<see cref="GroupActionResult.OutsideActivationRange"/>).
    /// </summary>
    RangeViolation,

    /// <summary>
    /// Level set: the KKT conditions hold — the residual ‖(gᵀs/‖g‖²)·g − s‖² and the constraint gap are within
    /// <see cref="LevelSetOptions.KktTolerance"/> and <see cref="LevelSetOptions.ConstraintTolerance"/>: a stationary
    /// point of ‖∇L‖² on the level set.
    /// </summary>
    KktSatisfied,

    /// <summary>Level set: the line search shrank ρ below 1e-16 without satisfying the Armijo condition.</summary>
    LineSearchFailed,
}
