using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Teleport.Cli.Output;
using Teleport.Kernels;

namespace Teleport.Cli.Bench;

/// <summary>One case's rounds: seconds per call on one thread and on two, measured back to back.</summary>
internal sealed record ThreadScalingResult(string Case, double[] OneThread, double[] TwoThreads)
{
    /// <summary>Cooldowns started during the two-thread timings, and the calls they kept on one thread (<see cref="MatrixMultiply.Cooldowns"/>).</summary>
    public (long Count, long CallsKeptOnOneThread) Cooldowns { get; init; }

    /// <summary>
    /// The FMA ceiling timed in each of the case's rounds, right after the case (one thread, two threads), or null for the
    /// references themselves: what the host let two threads do at that time, since a shared host's second core comes and goes.
    /// </summary>
    public (double[] OneThread, double[] TwoThreads)? SameRoundCeiling { get; init; }

    /// <summary>
    /// Two independent copies of the case's work timed in each of its rounds (<see cref="IndependentCopies"/>): one copy
    /// alone, and two side by side, one per core; null for the references. What the host gave this work on two cores
    /// without any split.
    /// </summary>
    public (double[] Alone, double[] SideBySide)? SameRoundCopies { get; init; }

    /// <summary>
    /// The two threads' busy time in the case's two-thread timings, summed over the rounds (<see cref="SplitWork.BusySeconds"/>),
    /// their wall time, and the same calls' time at each round's one-thread median; null for the references.
    /// </summary>
    public (double Busy, double Wall, double OneThread)? Work { get; init; }

    /// <summary>How many threads were busy on average during the two-thread timings (2 at most).</summary>
    public double? BusyThreads => Work is { } w ? w.Busy / w.Wall : null;

    /// <summary>The two threads' busy time over the same calls' time on one thread: 1 when splitting cost no extra work.</summary>
    public double? WorkOverOneThread => Work is { } w ? w.Busy / w.OneThread : null;

    /// <summary>One thread's time over two threads', per round.</summary>
    public double[] Speedups => Ratios(OneThread, TwoThreads);

    /// <summary>The same-round ceiling's speed-ups, per round (empty without one).</summary>
    public double[] CeilingSpeedups => SameRoundCeiling is { } c ? Ratios(c.OneThread, c.TwoThreads) : [];

    /// <summary>
    /// The cross-core reads timed in each of the case's rounds (<see cref="CrossCoreReads"/>: this core's data, the other
    /// core's), or null for the references: how fast data crossed between the cores while the case ran.
    /// </summary>
    public (double[] SameCore, double[] OtherCore)? SameRoundCrossCore { get; init; }

    /// <summary>The same-round cross-core reads, per round: this core's data over the other core's (below 1: slower to cross).</summary>
    public double[] CrossCoreRatios => SameRoundCrossCore is { } x ? Ratios(x.SameCore, x.OtherCore) : [];

    /// <summary>The independent copies' speed-ups, per round: 2 × alone / side by side (empty without them).</summary>
    public double[] CopiesSpeedups => SameRoundCopies is { } c ? c.Alone.Zip(c.SideBySide, (a, b) => 2 * a / b).ToArray() : [];

    private static double[] Ratios(double[] one, double[] two) => one.Zip(two, (a, b) => a / b).ToArray();
}

/// <summary>
/// The second core (<see cref="MatrixMultiply.MaxThreads"/> = 2) on the wide network's training step and
/// teleport: per round, the case's median on one thread and on two, back to back (alternating which goes
/// first), so the speed-up is a ratio within a round of a machine whose load changes; then the FMA ceiling on one
/// thread and on two, so that each round's speed-up can be read against what the host allowed at that time (on a
/// shared 2-vCPU VM the ceiling read ×1.4–1.6 in some rounds and ×2.0 in others of the same hour); then two independent
/// copies of the case's own work side by side (<see cref="IndependentCopies"/>), the same question asked of work that
/// touches memory as the case does.
/// </summary>
internal static class ThreadScalingBench
{
    public const string Name = "two threads over one";
    public const int Rounds = 5;

    /// <summary>The cases it runs (by <see cref="BenchCase.Name"/>).</summary>
    public static readonly string[] Cases = ["step 784-512-512-10 b128 Sgd", "step 784-512-512-10 b128 Adam", BenchCases.WideTeleport];

    /// <summary>The first result: FMA chains without memory, the most any two-thread speed-up here can be.</summary>
    public const string CeilingCase = "FMA peak (registers only: the ceiling)";

    /// <summary>
    /// The second result: reading 512 KB the other core has just written against 512 KB this core wrote
    /// (<see cref="CrossCoreReads"/>), as "one thread" and "two threads". Below ×1 by how much slower the
    /// other core's data comes: the cost that separates a step's ratio from the ceiling.
    /// </summary>
    public const string CrossCoreCase = "reading 512 KB the other core wrote (vs this core's)";

    /// <summary>Reads per round of the cross-core reference.</summary>
    private const int CrossCoreReadsPerRound = 21;

    /// <summary>Loop steps of the ceiling's FMA chains per timing (about 30 ms of one core at 512 bits).</summary>
    private const long CeilingSteps = 8_000_000;

    /// <summary>Loop steps of the ceiling timed in each round of a case (a quarter: it runs 15 times more).</summary>
    private const long RoundCeilingSteps = CeilingSteps / 4;

    /// <summary>Timings each way per round of a case's independent copies (their median; each of the case's calls per run).</summary>
    private const int CopiesTimings = 3;

    /// <param name="all">The cases.</param>
    /// <param name="copies">A second, independent instance of every case (<see cref="BenchCases.Create"/> again), for <see cref="IndependentCopies"/>.</param>
    /// <param name="warmupSeconds">Warm-up per case and thread count.</param>
    /// <param name="repeats">Timings per round and thread count (at most 5).</param>
    /// <param name="cancellation">Checked before each case.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled: checked before each case.</exception>
    public static List<ThreadScalingResult> Run(IReadOnlyList<BenchCase> all, IReadOnlyList<BenchCase> copies, double warmupSeconds, int repeats, System.Threading.CancellationToken cancellation = default)
    {
        var saved = MatrixMultiply.MaxThreads;
        var results = new List<ThreadScalingResult> { Ceiling(Math.Min(repeats, 5)), CrossCore() };
        try
        {
            foreach (var name in Cases)
            {
                cancellation.ThrowIfCancellationRequested();
                var c = all.First(x => x.Name == name);
                var copy = copies.First(x => x.Name == name);
                foreach (var threads in new[] { 1, 2 })
                {
                    MatrixMultiply.MaxThreads = threads;
                    var warm = Stopwatch.StartNew();
                    while (warm.Elapsed.TotalSeconds < warmupSeconds / 2) Time(c, 1);
                }
                var one = new double[Rounds];
                var two = new double[Rounds];
                var ceilingOne = new double[Rounds];
                var ceilingTwo = new double[Rounds];
                var copiesAlone = new double[Rounds];
                var copiesSideBySide = new double[Rounds];
                var crossSame = new double[Rounds];
                var crossOther = new double[Rounds];
                long holds = 0, held = 0;
                double busy = 0, wall = 0, oneThreadTime = 0;
                for (var r = 0; r < Rounds; r++)
                {
                    foreach (var threads in r % 2 == 0 ? new[] { 1, 2 } : new[] { 2, 1 })
                    {
                        MatrixMultiply.MaxThreads = threads;
                        long holdsBefore = MatrixMultiply.Cooldowns, heldBefore = MatrixMultiply.CallsKeptOnOneThread;
                        var times = Enumerable.Range(0, Math.Min(repeats, 5)).Select(_ => TimeWithSplits(c, 1)).ToArray();
                        var median = Median.Of(times.Select(t => t.Seconds).ToArray());
                        if (threads == 1) one[r] = median;
                        else
                        {
                            two[r] = median;
                            holds += MatrixMultiply.Cooldowns - holdsBefore;
                            held += MatrixMultiply.CallsKeptOnOneThread - heldBefore;
                            foreach (var (seconds, split) in times)
                            {
                                busy += split.BusySeconds(seconds * c.CallsPerRun);
                                wall += seconds * c.CallsPerRun;
                            }
                        }
                    }
                    // The round's two-thread calls at its one-thread median (both are known once the round is done).
                    oneThreadTime += one[r] * c.CallsPerRun * Math.Min(repeats, 5);
                    (ceilingOne[r], ceilingTwo[r]) = CeilingRound(r, RoundCeilingSteps);
                    (copiesAlone[r], copiesSideBySide[r]) = CopiesRound(r, c, copy, Math.Min(repeats, CopiesTimings));
                    (crossSame[r], crossOther[r]) = CrossCoreReads.Time(CrossCoreReadsPerRound);
                }
                results.Add(new ThreadScalingResult(name, one, two)
                {
                    Cooldowns = (holds, held),
                    SameRoundCeiling = (ceilingOne, ceilingTwo),
                    SameRoundCopies = (copiesAlone, copiesSideBySide),
                    SameRoundCrossCore = (crossSame, crossOther),
                    Work = (busy, wall, oneThreadTime),
                });
            }
        }
        finally
        {
            MatrixMultiply.MaxThreads = saved;
        }
        return results;
    }

    /// <summary>The ceiling, in rounds like the cases: the same FMA work on one thread and halved on two, back to back.</summary>
    private static ThreadScalingResult Ceiling(int repeats)
    {
        var one = new double[Rounds];
        var two = new double[Rounds];
        for (var r = 0; r < Rounds; r++) (one[r], two[r]) = CeilingRound(r, CeilingSteps, repeats);
        return new ThreadScalingResult(CeilingCase, one, two);
    }

    /// <summary>Round <paramref name="round"/> of the ceiling: the best of <paramref name="repeats"/> timings on one thread and on two, alternating which goes first.</summary>
    private static (double One, double Two) CeilingRound(int round, long steps, int repeats = 1)
    {
        double one = 0, two = 0;
        foreach (var threads in round % 2 == 0 ? new[] { 1, 2 } : new[] { 2, 1 })
        {
            var best = Enumerable.Range(0, repeats).Min(_ => FmaPeak.TimeSplit(steps, threads));
            if (threads == 1) one = best;
            else two = best;
        }
        return (one, two);
    }

    /// <summary>Round <paramref name="round"/> of the independent copies: the medians of <paramref name="timings"/> timings each way, alternating which goes first.</summary>
    private static (double Alone, double SideBySide) CopiesRound(int round, BenchCase c, BenchCase copy, int timings)
    {
        var alone = new double[timings];
        var sideBySide = new double[timings];
        for (var t = 0; t < timings; t++)
            (alone[t], sideBySide[t]) = IndependentCopies.Time(c, copy, c.CallsPerRun, aloneFirst: (round + t) % 2 == 0);
        return (Median.Of(alone), Median.Of(sideBySide));
    }

    /// <summary>The cross-core reference in rounds like the cases: median read times of this core's data and of the other core's.</summary>
    private static ThreadScalingResult CrossCore()
    {
        var own = new double[Rounds];
        var others = new double[Rounds];
        for (var r = 0; r < Rounds; r++) (own[r], others[r]) = CrossCoreReads.Time(CrossCoreReadsPerRound);
        return new ThreadScalingResult(CrossCoreCase, own, others);
    }

    /// <summary>"two threads over one: step … ×1.71 [1.6 … 1.8] (2.51 ms → 1.47 ms)" per case.</summary>
    public static IEnumerable<string> Lines(IReadOnlyList<ThreadScalingResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var r in results)
        {
            var s = r.Speedups;
            // A cooldown (the caller waited longer for a preempted worker than it worked) keeps the next calls on one thread.
            var cooldowns = r.Cooldowns.Count > 0 ? string.Create(c, $"; {Format.Count(r.Cooldowns.Count, "cooldown")} kept {r.Cooldowns.CallsKeptOnOneThread} calls on one thread") : "";
            // The case's speed-up against what the host allowed in the same rounds: below ×2 there is either the code or the host.
            var ceiling = r.CeilingSpeedups is { Length: > 0 } cs
                ? string.Create(c, $"; the ceiling in the same rounds ×{Median.Of(cs):F2} [{cs.Min():F2} … {cs.Max():F2}], the case {Median.Of(s.Zip(cs, (x, y) => x / y).ToArray()):F2} of it")
                : "";
            // The same question asked of the case's own work without a split: a case level with it lost nothing to its split.
            var copies = r.CopiesSpeedups is { Length: > 0 } ps
                ? string.Create(c, $"; two independent copies side by side ×{Median.Of(ps):F2} [{ps.Min():F2} … {ps.Max():F2}], the case {Median.Of(s.Zip(ps, (x, y) => x / y).ToArray()):F2} of it")
                : "";
            // How fast data crossed between the cores in the same rounds: a split case hands data over, the copies do not.
            var crossCore = r.CrossCoreRatios is { Length: > 0 } xs
                ? string.Create(c, $"; reading the other core's writes ×{Median.Of(xs):F2} [{xs.Min():F2} … {xs.Max():F2}]")
                : "";
            // Where the rest went: idle time (fewer than 2 threads busy) or work that ran slower than on one thread.
            var work = r.BusyThreads is { } b && r.WorkOverOneThread is { } w
                ? string.Create(c, $"; threads busy {b:F2} of 2, their work {w:F2}× one thread's")
                : "";
            yield return string.Create(c,
                $"{Name}: {r.Case,-46} ×{Median.Of(s):F2} [{s.Min():F2} … {s.Max():F2}] ({Median.Of(r.OneThread) * 1e3:F3} ms → {Median.Of(r.TwoThreads) * 1e3:F3} ms, {Rounds} rounds{cooldowns}{ceiling}{copies}{crossCore}{work})");
        }
    }

    /// <summary>Seconds per call of one run of <paramref name="runs"/> × the case's calls, after its restore.</summary>
    private static double Time(BenchCase c, int runs) => TimeWithSplits(c, runs).Seconds;

    /// <summary>The same, with the split calls' times during the timed calls alone (<see cref="MatrixMultiply.SplitWork"/>).</summary>
    private static (double Seconds, SplitWork Split) TimeWithSplits(BenchCase c, int runs)
    {
        c.Restore?.Invoke();
        var before = MatrixMultiply.SplitWork;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < runs * c.CallsPerRun; i++) c.Work();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        // The helper adds its time once its chunks are done, which may be microseconds after the last call returns: the
        // next reading counts them. Negligible against the calls' milliseconds.
        return (seconds / (runs * c.CallsPerRun), MatrixMultiply.SplitWork.Since(before));
    }

}
