using System.Collections.Generic;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// <see cref="LoadAheadTrial"/> on made-up step times: it keeps the way whose steps were faster, measures in alternating
/// windows, counts an interval only when the batch it ran on was copied the way being measured, and measures again.
/// </summary>
public sealed class LoadAheadTrialTests
{
    /// <summary>
    /// Runs <paramref name="steps"/> selections where a step costs <paramref name="withLoader"/> ticks when its batch came
    /// from the loader (decided one selection earlier) and <paramref name="without"/> otherwise; returns the decisions.
    /// </summary>
    private static List<bool> Run(LoadAheadTrial trial, int steps, long withLoader, long without, ref long now, bool? loadedPrevious = null)
    {
        var decisions = new List<bool>();
        var loaded = loadedPrevious ?? false;
        for (var i = 0; i < steps; i++)
        {
            var next = trial.Next(now);
            decisions.Add(next);
            now += loaded ? withLoader : without;
            loaded = next;
        }
        return decisions;
    }

    private const int Trial = LoadAheadTrial.Windows * LoadAheadTrial.WindowSteps;

    /// <summary>A trial past its warm-up (whose steps all go to the loader), at the start of its first measurement.</summary>
    private static LoadAheadTrial AfterWarmUp(ref long now, long withLoader = 100, long without = 110)
    {
        var trial = new LoadAheadTrial();
        var decisions = Run(trial, LoadAheadTrial.WarmUpSteps, withLoader, without, ref now);
        Assert.All(decisions, Assert.True);
        Assert.Equal((0, 0), trial.Counted);
        return trial;
    }

    [Theory]
    [InlineData(100, 120, true)]
    [InlineData(120, 100, false)]
    public void KeepsTheWayWhoseStepsWereFaster(long withLoader, long without, bool expected)
    {
        long now = 1;
        var trial = AfterWarmUp(ref now, withLoader, without);
        var decisions = Run(trial, Trial + LoadAheadTrial.KeptSteps, withLoader, without, ref now, loadedPrevious: true);
        // The trial alternates windows, starting with the loader.
        for (var i = 0; i < Trial; i++)
            Assert.Equal(i / LoadAheadTrial.WindowSteps % 2 == 0, decisions[i]);
        // Then the faster way, for the kept steps.
        for (var i = Trial; i < Trial + LoadAheadTrial.KeptSteps; i++) Assert.Equal(expected, decisions[i]);
        Assert.Equal(expected, trial.LoaderFaster);
    }

    [Fact]
    public void MeasuresAgainAndAlternatesWhichWayComesFirst()
    {
        long now = 1;
        var trial = AfterWarmUp(ref now, 120, 100);
        Run(trial, Trial + LoadAheadTrial.KeptSteps, 120, 100, ref now, loadedPrevious: true);
        Assert.False(trial.LoaderFaster);
        // The host changes: now the loader pays. The second trial starts without it, and its verdict follows the new times.
        var decisions = Run(trial, Trial + 10, 100, 120, ref now, loadedPrevious: false);
        Assert.False(decisions[0]);
        Assert.True(decisions[LoadAheadTrial.WindowSteps]);
        Assert.True(trial.LoaderFaster);
        Assert.True(decisions[Trial]);
    }

    /// <summary>
    /// An interval counts only when the decisions behind it have settled: after each switch of ways the first
    /// <see cref="LoadAheadTrial.SettlingSteps"/> + 1 selections count nothing (the first step's batch was copied the other
    /// way). Four windows of 32 (with, without, with, without) after the warm-up's steps with the loader: the first window
    /// continues the warm-up's way, so all of it counts, with the warm-up's last interval (33); then 23 without, 23 with,
    /// and 22 without (the trial's last interval ends at the verdict): 56 with, 45 without.
    /// </summary>
    [Fact]
    public void CountsOnlyIntervalsAfterEachWindowHasSettled()
    {
        Assert.Equal(9, LoadAheadTrial.SettlingSteps); // the counts below are worked out for it
        long now = 1;
        var trial = AfterWarmUp(ref now);
        Run(trial, Trial, 100, 110, ref now, loadedPrevious: true);
        Assert.Equal((56, 45), trial.Counted);
    }

    /// <summary>A gain below <see cref="LoadAheadTrial.LeastGainPercent"/> % is not worth the second core.</summary>
    [Theory]
    [InlineData(1000, 1005, false)]
    [InlineData(1000, 1020, true)]
    public void KeepsTheLoaderOnlyForAGainWorthACore(long withLoader, long without, bool expected)
    {
        long now = 1;
        var trial = AfterWarmUp(ref now, withLoader, without);
        Run(trial, Trial + 1, withLoader, without, ref now, loadedPrevious: true);
        Assert.Equal(expected, trial.LoaderFaster);
    }

    /// <summary>
    /// After a restart (a new epoch: evaluation lay between) the interval in progress is dropped, and the way settles
    /// again before anything counts.
    /// </summary>
    [Fact]
    public void ARestartDropsTheIntervalInProgressAndSettlesAgain()
    {
        long now = 1;
        var trial = AfterWarmUp(ref now);
        Run(trial, 20, 100, 110, ref now, loadedPrevious: true);
        var before = trial.Counted;
        Assert.Equal((20, 0), before); // the first window continues the warm-up's way: every interval counts
        trial.Restart();
        now += 50_000_000;
        for (var i = 0; i < LoadAheadTrial.SettlingSteps + 1; i++) trial.Next(now += 100);
        Assert.Equal(before, trial.Counted);
        trial.Next(now += 100);
        Assert.Equal((before.With + 1, 0), trial.Counted);
    }

    /// <summary>
    /// The host changes while the loader is kept: a window of its steps slower than the trial's median without it starts
    /// a new trial at once, not 2 048 steps later.
    /// </summary>
    [Fact]
    public void ALoaderThatTurnsSlowIsMeasuredAgainAtOnce()
    {
        long now = 1;
        var trial = AfterWarmUp(ref now);
        Run(trial, Trial + 1, 100, 110, ref now, loadedPrevious: true);
        Assert.True(trial.LoaderFaster);
        // Now steps with the loader cost 130 against 110 without: within the settling and one watched window the trial
        // starts again (its first window without the loader, which alternates), and its verdict follows the new times.
        var decisions = Run(trial, 200, 130, 110, ref now, loadedPrevious: true);
        var firstWithout = decisions.IndexOf(false);
        Assert.InRange(firstWithout, LoadAheadTrial.WindowSteps, LoadAheadTrial.SettlingSteps + 2 * LoadAheadTrial.WindowSteps);
        Run(trial, Trial, 130, 110, ref now, loadedPrevious: decisions[^1]);
        Assert.False(trial.LoaderFaster);
    }

    /// <summary>Steps with the loader that stay as fast as the trial found them keep it for all the kept steps.</summary>
    [Fact]
    public void ALoaderThatStaysFastIsKept()
    {
        long now = 1;
        var trial = AfterWarmUp(ref now);
        Run(trial, Trial + 1, 100, 110, ref now, loadedPrevious: true);
        var decisions = Run(trial, LoadAheadTrial.KeptSteps - 2, 100, 110, ref now, loadedPrevious: true);
        Assert.All(decisions, Assert.True);
    }

    [Fact]
    public void TooFewIntervalsLeaveTheLastVerdict()
    {
        long now = 1;
        var trial = AfterWarmUp(ref now, 1000, 1);
        // A restart before every selection: nothing is counted, so the verdict stays the initial one (the loader).
        for (var i = 0; i < Trial + 5; i++)
        {
            trial.Restart();
            trial.Next(now);
            now += 1000;
        }
        Assert.True(trial.LoaderFaster);
    }
}
