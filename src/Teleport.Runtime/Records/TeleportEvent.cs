namespace Teleport.Records;

/// <summary>
/// One teleportation during training: an entry of a run record's <c>"teleports"</c> array.
/// </summary>
/// <param name="Step"><c>"step"</c>: optimizer steps taken before the teleport (it happened just before step Step + 1).</param>
/// <param name="Epoch"><c>"epoch"</c>: the 1-based epoch it happened in.</param>
/// <param name="LossBefore"><c>"loss_before"</c>: loss on the teleport batch before.</param>
/// <param name="LossAfter"><c>"loss_after"</c>: loss on the teleport batch after.</param>
/// <param name="GradNormSquaredBefore"><c>"grad_norm_sq_before"</c>: ‖∇L‖² on the teleport batch before.</param>
/// <param name="GradNormSquaredAfter"><c>"grad_norm_sq_after"</c>: ‖∇L‖² on the teleport batch after.</param>
/// <param name="StepsTaken"><c>"steps_taken"</c>: group-ascent steps the teleport took.</param>
/// <param name="Seconds"><c>"seconds"</c>: time the teleport took (it also counts in the epochs' wall_seconds).</param>
public sealed record TeleportEvent(
    long Step,
    int Epoch,
    double LossBefore,
    double LossAfter,
    double GradNormSquaredBefore,
    double GradNormSquaredAfter,
    int StepsTaken,
    double Seconds)
{
    /// <summary>Further fields written after the standard ones (loss drift, symmetries used, …).</summary>
    public RecordFields Extra { get; init; } = new();

    /// <summary>
    /// The event's measurements on its teleport batch with their record keys — the losses and ‖∇L‖² before and after —
    /// for the checks that read a record back (<c>teleport report</c>, a resume's stored history): one list, so the two
    /// never check different fields. A method, not a property: a record prints its properties.
    /// </summary>
    public (string Key, double Value)[] Measures() =>
        [("loss_before", LossBefore), ("loss_after", LossAfter), ("grad_norm_sq_before", GradNormSquaredBefore), ("grad_norm_sq_after", GradNormSquaredAfter)];
}
