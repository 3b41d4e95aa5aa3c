using System;
using System.Diagnostics;
using System.Globalization;

namespace Teleport.Benchmarks.Kernels;

/// <summary>
/// A fast manual timer for tuning (<c>-- quick-gemm [filter]</c>): warms each shape up for over a
/// second (tiered JIT), then prints the median of 15 timed batches as GFLOP/s. BenchmarkDotNet
/// (<see cref="MatrixMultiplyBenchmarks"/>) is the reference measurement.
/// </summary>
public static class QuickGemmTimer
{
    public static void Run(string? filter)
    {
        Console.WriteLine($"Vector512 accelerated: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, Vector256: {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FP32 FMA peak of this core now (256-bit): {FmaPeak.Measure():F1} GFLOP/s"));
        foreach (var shape in GemmShape.All)
        {
            if (filter is not null && !shape.ToString().Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
            using var runner = new GemmRunner(shape);
            // Batch so one timed sample does about 1 GFLOP (at most 200 000 calls).
            int reps = (int)Math.Clamp(1e9 / Math.Max(shape.Flops, 1), 1, 200_000);
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < 1.2) runner.Run();
            var samples = new double[15];
            var cpu = new double[15];
            for (int s = 0; s < samples.Length; s++)
            {
                double cpuStart = ThreadCpuClock.IsAvailable ? ThreadCpuClock.Seconds() : 0;
                long start = Stopwatch.GetTimestamp();
                for (int r = 0; r < reps; r++) runner.Run();
                samples[s] = Stopwatch.GetElapsedTime(start).TotalSeconds / reps;
                cpu[s] = ThreadCpuClock.IsAvailable ? (ThreadCpuClock.Seconds() - cpuStart) / reps : double.NaN;
            }
            Array.Sort(cpu);
            Array.Sort(samples);
            double median = samples[samples.Length / 2], best = samples[0];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{shape,-18} {shape.Note,-18} median {median * 1e6,10:F3} us {shape.Flops / median / 1e9,6:F1} GFLOP/s   best {best * 1e6,10:F3} us {shape.Flops / best / 1e9,6:F1} GFLOP/s   thread-CPU median {shape.Flops / cpu[cpu.Length / 2] / 1e9,6:F1} GFLOP/s"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FP32 FMA peak of this core now (256-bit): {FmaPeak.Measure():F1} GFLOP/s"));
    }
}
