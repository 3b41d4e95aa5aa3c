namespace Teleport.Records;

/// <summary>
/// What one training epoch produced: one entry of a run record's <c>"epochs"</c> array.
/// </summary>
/// <param name="Epoch">The epoch's number, 1-based (<c>"epoch"</c>).</param>
/// <param name="TrainLoss">
/// <c>"train_loss"</c>: the sample-weighted mean of the epoch's mini-batch losses, each taken at the
/// parameters before that batch's optimizer step (Σ nᵦ·Lᵦ / Σ nᵦ) — a running average over a moving
/// model, as PyTorch training loops and the paper's code report it, not the loss at the epoch's end.
/// </param>
/// <param name="TestLoss"><c>"test_loss"</c>: mean loss on the test set after the epoch, or null without a test set.</param>
/// <param name="TestAccuracy">
/// <c>"test_accuracy"</c>: fraction (0…1) of test samples whose largest output is the label; null for
/// regression or without a test set.
/// </param>
/// <param name="GradNormSquared">
/// <c>"grad_norm_sq"</c>: the mean over the epoch's optimizer steps of ‖∇θ Lᵦ(θ)‖², the squared
/// Euclidean norm of the mini-batch gradient the optimizer was given (after any teleport of that step,
/// before the update); each batch counts once, whatever its size. Being a mini-batch quantity it
/// includes gradient noise: it is larger than the squared norm of the full-data gradient.
/// </param>
/// <param name="WallSeconds">
/// <c>"wall_seconds"</c>: cumulative training time since the start of the run at the end of this epoch:
/// the mini-batch steps and the per-batch callbacks (teleports included), excluding evaluation,
/// checkpoint writing and epoch-end callbacks.
/// </param>
/// <param name="Steps"><c>"steps"</c>: optimizer steps taken since the start of the run, at the end of this epoch.</param>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double? TestLoss,
    double? TestAccuracy,
    double GradNormSquared,
    double WallSeconds,
    long Steps)
{
    /// <summary>Further fields written after the standard ones (callbacks may add to them in <c>OnEpochEnd</c>).</summary>
    public RecordFields Extra { get; init; } = new();
}
