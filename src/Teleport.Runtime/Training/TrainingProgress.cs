namespace Teleport.Training;

/// <summary>
/// Where a run is and what the current epoch and loss-trace window have accumulated: everything a
/// checkpoint needs, besides the model, the optimizer, the history and the random state, to resume
/// exactly. Sums are in double, in step order, so a resumed run accumulates the same bits.
/// </summary>
internal sealed class TrainingProgress
{
    /// <summary>The epoch in progress (0-based); equals the number of completed epochs.</summary>
    public int EpochIndex;

    /// <summary>The next batch of the epoch (0-based); equals the batches done in this epoch.</summary>
    public int BatchIndex;

    /// <summary>Optimizer steps taken since the start of the run.</summary>
    public long GlobalStep;

    /// <summary>Σ nᵦ·Lᵦ over the epoch's batches so far.</summary>
    public double EpochLossSum;

    /// <summary>Σ nᵦ: training samples seen this epoch.</summary>
    public long EpochSamples;

    /// <summary>Σ ‖∇Lᵦ‖² over the epoch's batches so far.</summary>
    public double EpochGradNormSquaredSum;

    /// <summary>Batches this epoch (equals <see cref="BatchIndex"/> between steps).</summary>
    public long EpochBatches;

    /// <summary>Σ nᵦ·Lᵦ over the current loss-trace window.</summary>
    public double WindowLossSum;

    /// <summary>Samples in the current loss-trace window.</summary>
    public long WindowSamples;

    /// <summary>Steps in the current loss-trace window.</summary>
    public int WindowSteps;

    /// <summary>Adds one step's loss (a batch of <paramref name="samples"/>) and squared gradient norm.</summary>
    public void AddStep(float loss, int samples, double gradNormSquared)
    {
        var weighted = (double)loss * samples;
        EpochLossSum += weighted;
        EpochSamples += samples;
        EpochGradNormSquaredSum += gradNormSquared;
        EpochBatches++;
        WindowLossSum += weighted;
        WindowSamples += samples;
        WindowSteps++;
    }

    /// <summary>The sample-weighted mean loss of the window, and its samples; then starts a new window.</summary>
    public (double Loss, long Samples) TakeWindow()
    {
        var result = (WindowLossSum / WindowSamples, WindowSamples);
        WindowLossSum = 0;
        WindowSamples = 0;
        WindowSteps = 0;
        return result;
    }

    /// <summary>The epoch's sample-weighted mean loss and mean squared gradient norm per batch.</summary>
    public (double TrainLoss, double GradNormSquared) EpochMeans() =>
        (EpochLossSum / EpochSamples, EpochGradNormSquaredSum / EpochBatches);

    /// <summary>A copy (for a checkpoint).</summary>
    public TrainingProgress Clone() => (TrainingProgress)MemberwiseClone();

    /// <summary>Moves to the start of the next epoch.</summary>
    public void NextEpoch()
    {
        EpochIndex++;
        BatchIndex = 0;
        EpochLossSum = 0;
        EpochSamples = 0;
        EpochGradNormSquaredSum = 0;
        EpochBatches = 0;
    }
}
