using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Teleport.Cli.Bench;

/// <summary>
/// This core's FP32 fused multiply-add peak right now: 24 independent chains of FMAs, no memory, at
/// 256 and (where accelerated) 512 bits. The yardstick for matrix-product GFLOP/s on machines whose
/// clocks, vector units and share of the core differ (a 512-bit FMA is one instruction on some
/// cores and two 256-bit halves on others). Also linked into tests/Teleport.Benchmarks.
/// </summary>
internal static class FmaPeak
{
    /// <summary>GFLOP/s of 256-bit FMAs.</summary>
    public static double Measure256() => Measure(Chains256, 2 * Vector256<float>.Count);

    /// <summary>GFLOP/s of 512-bit FMAs, or NaN when 512-bit vectors are not accelerated here.</summary>
    public static double Measure512() => Vector512.IsHardwareAccelerated ? Measure(Chains512, 2 * Vector512<float>.Count) : double.NaN;

    /// <summary>Measures both widths now and says so in one line.</summary>
    public static string Line() => new FmaPeakResult(Measure256(), Measure512()).Line();

    /// <summary>
    /// Seconds for <paramref name="steps"/> loop steps of FMA chains at the widest accelerated width,
    /// on this thread alone (<paramref name="threads"/> = 1) or halved between this thread and a second
    /// one started together (2): the same work either way, so one time over the other is how far two
    /// cores of this machine can scale arithmetic that touches no memory — the ceiling for any
    /// two-thread speed-up measured beside it.
    /// </summary>
    public static double TimeSplit(long steps, int threads)
    {
        System.Func<long, float> chains = Vector512.IsHardwareAccelerated ? Chains512 : Chains256;
        chains(10_000);
        if (threads == 1)
        {
            var alone = Stopwatch.GetTimestamp();
            chains(steps);
            return Stopwatch.GetElapsedTime(alone).TotalSeconds;
        }
        return SideBySide.Time(() => { }, () => chains(steps - steps / 2), () => chains(10_000), () => chains(steps / 2), "FMA ceiling's second thread");
    }

    private static double Measure(System.Func<long, float> chains, int flopsPerFma)
    {
        chains(200_000);
        // The best of three short runs: a run preempted by another process says nothing about the core.
        var best = double.MaxValue;
        const long steps = 4_000_000;
        for (var r = 0; r < 3; r++)
        {
            var watch = Stopwatch.StartNew();
            chains(steps);
            best = System.Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return steps * Chains * flopsPerFma / best / 1e9;
    }

    /// <summary>Independent chains per loop: enough to cover FMA latency × pipes on current cores (4 × 2).</summary>
    private const int Chains = 24;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(long steps)
    {
        var x = Vector256.Create(0.999f);
        var y = Vector256.Create(0.001f);
        Vector256<float> a0 = Vector256<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector256<float> a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        Vector256<float> a16 = a0, a17 = a0, a18 = a0, a19 = a0, a20 = a0, a21 = a0, a22 = a0, a23 = a0;
        for (long i = 0; i < steps; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y); a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y); a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y); a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y); a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y); a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y); a11 = Vector256.FusedMultiplyAdd(a11, x, y);
            a12 = Vector256.FusedMultiplyAdd(a12, x, y); a13 = Vector256.FusedMultiplyAdd(a13, x, y);
            a14 = Vector256.FusedMultiplyAdd(a14, x, y); a15 = Vector256.FusedMultiplyAdd(a15, x, y);
            a16 = Vector256.FusedMultiplyAdd(a16, x, y); a17 = Vector256.FusedMultiplyAdd(a17, x, y);
            a18 = Vector256.FusedMultiplyAdd(a18, x, y); a19 = Vector256.FusedMultiplyAdd(a19, x, y);
            a20 = Vector256.FusedMultiplyAdd(a20, x, y); a21 = Vector256.FusedMultiplyAdd(a21, x, y);
            a22 = Vector256.FusedMultiplyAdd(a22, x, y); a23 = Vector256.FusedMultiplyAdd(a23, x, y);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11
            + a12 + a13 + a14 + a15 + a16 + a17 + a18 + a19 + a20 + a21 + a22 + a23);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(long steps)
    {
        var x = Vector512.Create(0.999f);
        var y = Vector512.Create(0.001f);
        Vector512<float> a0 = Vector512<float>.One, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector512<float> a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        Vector512<float> a16 = a0, a17 = a0, a18 = a0, a19 = a0, a20 = a0, a21 = a0, a22 = a0, a23 = a0;
        for (long i = 0; i < steps; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y); a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y); a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y); a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y); a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y); a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y); a11 = Vector512.FusedMultiplyAdd(a11, x, y);
            a12 = Vector512.FusedMultiplyAdd(a12, x, y); a13 = Vector512.FusedMultiplyAdd(a13, x, y);
            a14 = Vector512.FusedMultiplyAdd(a14, x, y); a15 = Vector512.FusedMultiplyAdd(a15, x, y);
            a16 = Vector512.FusedMultiplyAdd(a16, x, y); a17 = Vector512.FusedMultiplyAdd(a17, x, y);
            a18 = Vector512.FusedMultiplyAdd(a18, x, y); a19 = Vector512.FusedMultiplyAdd(a19, x, y);
            a20 = Vector512.FusedMultiplyAdd(a20, x, y); a21 = Vector512.FusedMultiplyAdd(a21, x, y);
            a22 = Vector512.FusedMultiplyAdd(a22, x, y); a23 = Vector512.FusedMultiplyAdd(a23, x, y);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11
            + a12 + a13 + a14 + a15 + a16 + a17 + a18 + a19 + a20 + a21 + a22 + a23);
    }
}

/// <summary>One measurement of the FMA peak: GFLOP/s at 256 bits, and at 512 (NaN: not accelerated).</summary>
internal readonly record struct FmaPeakResult(double Gflops256, double Gflops512)
{
    /// <summary>"FP32 FMA peak of one core now: 256-bit … GFLOP/s, 512-bit …" (or "512-bit not accelerated").</summary>
    public string Line()
    {
        var c = CultureInfo.InvariantCulture;
        var line = string.Create(c, $"FP32 FMA peak of one core now: 256-bit {Gflops256:F1} GFLOP/s");
        return double.IsNaN(Gflops512)
            ? line + ", 512-bit not accelerated"
            : line + string.Create(c, $", 512-bit {Gflops512:F1} GFLOP/s");
    }
}
