namespace Teleport.Records;

/// <summary>Which of a run record's loss series a time-to-target comparison used.</summary>
public enum LossCurveSource
{
    /// <summary>The <c>"loss_trace"</c> windows (every few steps; used when both runs have one).</summary>
    LossTrace,

    /// <summary>The per-epoch <c>"train_loss"</c> (the fallback when a run has no trace).</summary>
    Epochs,
}
