using System;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Threading;

namespace Teleport.Cli.Bench;

/// <summary>
/// How fast this core reads data the other core has just written, against data it wrote itself: the
/// second reference beside the FMA ceiling. Two-thread work hands data from core to core (activations,
/// gradients), and on a virtual machine that cost changes from hour to hour: on the VM of issue 13 the
/// wide step scaled ×1.8 in one phase and ×1.4 in the next with the register-only ceiling at ×1.9–2.0
/// in both, because only the cross-core reads had become slow. This line says which phase a run was in.
/// </summary>
internal static class CrossCoreReads
{
    /// <summary>The buffer: about what the wide step hands between the cores per layer, and less than any L2.</summary>
    public const int Bytes = 512 * 1024;

    /// <summary>
    /// Median seconds to read (sum) the buffer right after this thread wrote it, and right after a
    /// second thread, running beside it all along, wrote it: <paramref name="repeats"/> of each, interleaved.
    /// </summary>
    public static (double SameCore, double OtherCore) Time(int repeats)
    {
        var buffer = new float[Bytes / sizeof(float)];
        var same = new double[repeats];
        var other = new double[repeats];
        // 0: idle; 1: the helper should write; 2: written; −1: stop.
        var state = 0;
        var helper = new Thread(() =>
        {
            while (true)
            {
                var s = Volatile.Read(ref state);
                if (s < 0) return;
                if (s != 1)
                {
                    Thread.SpinWait(8);
                    continue;
                }
                Write(buffer);
                Volatile.Write(ref state, 2);
            }
        }) { IsBackground = true, Name = "Teleport bench cross-core writer" };
        helper.Start();
        try
        {
            double sink = 0;
            // One untimed pass of each warms both the code and the pages.
            for (var r = -1; r < repeats; r++)
            {
                Write(buffer);
                var sameTime = TimedRead(buffer, ref sink);
                Volatile.Write(ref state, 1);
                while (Volatile.Read(ref state) != 2) Thread.SpinWait(8);
                var otherTime = TimedRead(buffer, ref sink);
                Volatile.Write(ref state, 0);
                if (r < 0) continue;
                same[r] = sameTime;
                other[r] = otherTime;
            }
            GC.KeepAlive(sink);
        }
        finally
        {
            Volatile.Write(ref state, -1);
            helper.Join();
        }
        return (Median.Of(same), Median.Of(other));
    }

    private static void Write(float[] buffer) => buffer.AsSpan().Fill(1f);

    private static double TimedRead(float[] buffer, ref double sink)
    {
        var start = Stopwatch.GetTimestamp();
        sink += TensorPrimitives.Sum<float>(buffer);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
