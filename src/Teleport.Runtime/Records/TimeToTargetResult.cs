namespace Teleport.Records;

/// <summary>The outcome of <see cref="TimeToTarget.Compute(RunRecord, RunRecord)"/>.</summary>
/// <param name="Source">The loss series both curves were taken from.</param>
/// <param name="TargetLoss">The baseline's final train loss on that series (null if the baseline has no finite one).</param>
/// <param name="BaselineSeconds">The baseline's total training time: its curve's last time.</param>
/// <param name="Seconds">The other run's training time to first reach the target, interpolated; null if it never did.</param>
/// <param name="Ratio"><see cref="Seconds"/> ÷ <see cref="BaselineSeconds"/>; null if either is missing or the baseline took no time.</param>
public readonly record struct TimeToTargetResult(
    LossCurveSource Source,
    double? TargetLoss,
    double? BaselineSeconds,
    double? Seconds,
    double? Ratio);
