namespace Teleport.Records;

/// <summary>Which of a run record's loss series a time-to-target comparison used.</summary>
public enum LossCurveSource
{
    /// <summary>
    /// The raw <c>"loss_trace"</c> windows (every few steps). The definition before issue 12: one noisy window could
    /// decide the crossing. Still read from older compare records.
    /// </summary>
    LossTrace,

    /// <summary>The per-epoch <c>"train_loss"</c> (the fallback when a run has no trace).</summary>
    Epochs,

    /// <summary>
    /// The loss trace smoothed by a trailing, sample-weighted mean over <see cref="TimeToTarget.SmoothingWindows"/>
    /// windows (used when both runs have a trace): one noisy window moves it by a tenth.
    /// </summary>
    SmoothedLossTrace,
}
