using System;
using System.Diagnostics;
using System.Threading;

namespace Teleport.Cli.Bench;

/// <summary>
/// Times work on this thread and other work on a second thread started together: the second thread is created, warm and
/// spinning before the clock starts (a sleeping vCPU can take milliseconds to wake, which is not what a two-thread ratio
/// is about), and the clock stops when both are done. Used by the FMA ceiling (<see cref="FmaPeak.TimeSplit"/>) and the
/// independent copies (<see cref="IndependentCopies"/>). Also linked into tests/Teleport.Benchmarks.
/// </summary>
internal static class SideBySide
{
    /// <summary>Seconds from the start of both <paramref name="here"/> and <paramref name="there"/> until both have returned.</summary>
    /// <param name="warmHere">Untimed, on this thread, before the clock starts.</param>
    /// <param name="here">Timed, on this thread.</param>
    /// <param name="warmThere">Untimed, on the second thread, before it reports ready.</param>
    /// <param name="there">Timed, on the second thread.</param>
    /// <param name="name">The second thread's name, and what a failure there is reported as.</param>
    /// <exception cref="InvalidOperationException">The second thread's work threw (the exception is inner).</exception>
    public static double Time(Action warmHere, Action here, Action warmThere, Action there, string name)
    {
        var ready = 0;
        var go = 0;
        Exception? failure = null;
        var other = new Thread(() =>
        {
            try
            {
                warmThere();
                Volatile.Write(ref ready, 1);
                while (Volatile.Read(ref go) == 0) Thread.SpinWait(8);
                there();
            }
            catch (Exception e)
            {
                failure = e;
                Volatile.Write(ref ready, 1);
            }
        }) { IsBackground = true, Name = name };
        other.Start();
        warmHere();
        while (Volatile.Read(ref ready) == 0) Thread.SpinWait(8);
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref go, 1);
        here();
        other.Join();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (failure is not null) throw new InvalidOperationException($"{name} failed: {failure.Message}", failure);
        return seconds;
    }
}
