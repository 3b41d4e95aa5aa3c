using System;
using Teleport.Records;

namespace Teleport.Runtime.Tests.Records;

public sealed class TimeToTargetTests
{
    private static readonly (double, double)[] BaselineTrace = [(1, 0.9), (2, 0.7), (3, 0.6), (4, 0.5)];

    [Fact]
    public void ARunIdenticalToTheBaselineTakesItsWholeTime()
    {
        var baseline = RecordsTestData.Run(BaselineTrace);
        var result = TimeToTarget.Compute(baseline, RecordsTestData.Run(BaselineTrace), LossCurveSource.LossTrace);
        Assert.Equal(new TimeToTargetResult(LossCurveSource.LossTrace, 0.5, 4, 4, 1), result);
        // the smoothed default: the same run is the same curve, so again its whole time
        var smoothed = TimeToTarget.Compute(baseline, RecordsTestData.Run(BaselineTrace));
        Assert.Equal(LossCurveSource.SmoothedLossTrace, smoothed.Source);
        Assert.Equal(4, smoothed.Seconds);
        Assert.Equal(1, smoothed.Ratio);
    }

    [Fact]
    public void TheCrossingIsInterpolatedLinearlyBetweenTracePoints()
    {
        // Target 0.5, crossed between (1.0 s, 0.6) and (1.5 s, 0.4): halfway, at 1.25 s → ratio 1.25 / 4.
        var run = RecordsTestData.Run([(0.5, 0.8), (1.0, 0.6), (1.5, 0.4), (2.0, 0.3)]);
        var result = TimeToTarget.Compute(RecordsTestData.Run(BaselineTrace), run, LossCurveSource.LossTrace);
        Assert.Equal(LossCurveSource.LossTrace, result.Source);
        Assert.Equal(1.25, result.Seconds!.Value, 1e-15);
        Assert.Equal(1.25 / 4, result.Ratio!.Value, 1e-15);
    }

    [Fact]
    public void ReachingTheTargetAtTheFirstPointTakesThatPointsTime()
    {
        var result = TimeToTarget.Compute(RecordsTestData.Run(BaselineTrace), RecordsTestData.Run([(0.3, 0.5), (0.6, 0.2)]), LossCurveSource.LossTrace);
        Assert.Equal(0.3, result.Seconds);
        Assert.Equal(0.3 / 4, result.Ratio);
    }

    [Fact]
    public void NeverReachingTheTargetGivesNull()
    {
        var result = TimeToTarget.Compute(RecordsTestData.Run(BaselineTrace), RecordsTestData.Run([(1, 0.9), (5, 0.51), (9, double.NaN)]), LossCurveSource.LossTrace);
        Assert.Equal(0.5, result.TargetLoss);
        Assert.Null(result.Seconds);
        Assert.Null(result.Ratio);
    }

    [Fact]
    public void OneNoisyDipDoesNotDecideTheSmoothedTime()
    {
        // 20 windows: the baseline falls linearly from 1.0 to 0.62 (smoothed final loss: the mean of 0.80 … 0.62 =
        // 0.71; raw: 0.62); the run is the same curve but for one lucky window at 0.1 instead of 0.76 at t = 13. On the
        // raw trace that window decides: crossing at 12 + 0.16/0.68 s, ratio 0.61. On the trailing mean of 10 windows it lowers
        // ten points by 0.066, so the run reaches 0.71 between t = 16 (0.724) and 17 (0.704): 16.7 s, ratio 0.835.
        var baseline = new (double, double)[20];
        for (var i = 0; i < 20; i++) baseline[i] = (i + 1, 1.0 - 0.02 * i);
        var run = ((double, double)[])baseline.Clone();
        run[12] = (13, 0.1);
        var raw = TimeToTarget.Compute(RecordsTestData.Run(baseline), RecordsTestData.Run(run), LossCurveSource.LossTrace);
        var smoothed = TimeToTarget.Compute(RecordsTestData.Run(baseline), RecordsTestData.Run(run));
        Assert.Equal(LossCurveSource.SmoothedLossTrace, smoothed.Source);
        Assert.Equal(0.71, smoothed.TargetLoss!.Value, 1e-12);
        Assert.Equal((12 + 0.16 / 0.68) / 20, raw.Ratio!.Value, 1e-9);
        Assert.Equal(16.7 / 20, smoothed.Ratio!.Value, 1e-9);
    }

    [Fact]
    public void WithoutATraceTheEpochsAreUsed()
    {
        // The teleport run has epochs only: the baseline's epochs give the target (its last train_loss, 0.4)
        // and total (3 s); the run crosses 0.4 between its epochs (1 s, 0.5) and (2 s, 0.3): at 1.5 s.
        var baseline = RecordsTestData.Run(BaselineTrace, [(1, 0.6), (2, 0.45), (3, 0.4)]);
        var run = RecordsTestData.Run([], [(1, 0.5), (2, 0.3)]);
        var result = TimeToTarget.Compute(baseline, run);
        Assert.Equal(new TimeToTargetResult(LossCurveSource.Epochs, 0.4, 3, 1.5, 0.5), result);
    }

    [Fact]
    public void ABaselineWithoutAFiniteFinalLossHasNoTarget()
    {
        var result = TimeToTarget.Compute(RecordsTestData.Run([(1, 0.5), (2, double.NaN)]), RecordsTestData.Run(BaselineTrace));
        Assert.Null(result.TargetLoss);
        Assert.Null(result.Ratio);
        Assert.Null(TimeToTarget.Compute(RecordsTestData.Run([]), RecordsTestData.Run(BaselineTrace)).TargetLoss);
    }

    [Fact]
    public void SecondsToReachSkipsInterpolationAfterANonFinitePoint()
    {
        Assert.Equal(3.0, TimeToTarget.SecondsToReach([1, 2, 3], [0.9, double.NaN, 0.1], 0.5));
        Assert.Equal(2.5, TimeToTarget.SecondsToReach([1, 2, 3], [0.9, 0.7, 0.3], 0.5));
        Assert.Null(TimeToTarget.SecondsToReach([], [], 0.5));
        Assert.Throws<ArgumentException>(() => TimeToTarget.SecondsToReach([1], [], 0.5));
    }
}
