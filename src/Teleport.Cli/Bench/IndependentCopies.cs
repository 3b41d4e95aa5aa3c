using System;
using System.Diagnostics;
using System.Threading;
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
                else sideBySide = SideBySide(original, copy, calls);
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
        for (var i = 0; i < calls; i++) c.Work();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>
    /// The copy's thread is created, warm and spinning before the clock starts (as in <see cref="FmaPeak.TimeSplit"/>):
    /// a sleeping vCPU can take milliseconds to wake, which is not what the ratio is about.
    /// </summary>
    private static double SideBySide(BenchCase original, BenchCase copy, int calls)
    {
        var ready = 0;
        var go = 0;
        Exception? failure = null;
        var other = new Thread(() =>
        {
            try
            {
                Prepare(copy);
                Volatile.Write(ref ready, 1);
                while (Volatile.Read(ref go) == 0) Thread.SpinWait(8);
                for (var i = 0; i < calls; i++) copy.Work();
            }
            catch (Exception e)
            {
                failure = e;
                Volatile.Write(ref ready, 1);
            }
        }) { IsBackground = true, Name = "teleport bench: independent copy" };
        other.Start();
        Prepare(original);
        while (Volatile.Read(ref ready) == 0) Thread.SpinWait(8);
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref go, 1);
        for (var i = 0; i < calls; i++) original.Work();
        other.Join();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (failure is not null) throw new InvalidOperationException($"The independent copy of \"{copy.Name}\" failed: {failure.Message}", failure);
        return seconds;
    }

    private static void Prepare(BenchCase c)
    {
        c.Restore?.Invoke();
        c.Work();
    }
}
