using System;
using System.Diagnostics;
using Teleport.Kernels;

namespace Teleport.Cli.Bench;

/// <summary>
/// The second reference for a two-thread case: two independent copies of its work (own parameters, batch, optimizer
/// state and product buffers), one per core, each on one thread, against one copy alone. Nothing is split and nothing is
/// shared, so 2 × alone / side by side is the speed-up the host gave this very work at that moment: memory traffic, caches
/// and whatever else runs on the cores included, which the FMA ceiling (registers only) does not see. A split case below it
/// loses to its split; a split case level with it is held back by the host, not by the split.
/// </summary>
internal static class IndependentCopies
{
    /// <summary>
    /// One timing each way, in the given order: <paramref name="calls"/> calls of <paramref name="original"/> alone, then
    /// the same calls of it and of <paramref name="copy"/> side by side (seconds until both are done). Each copy is
    /// restored and takes one untimed call first, on its own thread, so that neither times a cold start.
    /// </summary>
    /// <exception cref="ArgumentException">The two cases share their work (the same delegate): they would not be independent.</exception>
    public static (double Alone, double SideBySide) Time(BenchCase original, BenchCase copy, int calls, bool aloneFirst)
    {
        if (ReferenceEquals(original.Work, copy.Work)) throw new ArgumentException("The copy must be a second instance of the case, not the same work.", nameof(copy));
        var saved = MatrixMultiply.MaxThreads;
        MatrixMultiply.MaxThreads = 1;
        try
        {
            double alone = 0, sideBySide = 0;
            foreach (var first in new[] { aloneFirst, !aloneFirst })
            {
                if (first) alone = Alone(original, calls);
                else sideBySide = SideBySideCalls(original, copy, calls);
            }
            return (alone, sideBySide);
        }
        finally
        {
            MatrixMultiply.MaxThreads = saved;
        }
    }

    private static double Alone(BenchCase c, int calls)
    {
        Prepare(c);
        var start = Stopwatch.GetTimestamp();
        Calls(c, calls);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Both copies' calls, one per core (<see cref="SideBySide"/>): each restored and warmed before the clock starts.</summary>
    private static double SideBySideCalls(BenchCase original, BenchCase copy, int calls) =>
        SideBySide.Time(() => Prepare(original), () => Calls(original, calls), () => Prepare(copy), () => Calls(copy, calls),
            $"the independent copy of \"{copy.Name}\"");

    private static void Calls(BenchCase c, int calls)
    {
        for (var i = 0; i < calls; i++) c.Work();
    }

    private static void Prepare(BenchCase c)
    {
        c.Restore?.Invoke();
        c.Work();
    }
}
