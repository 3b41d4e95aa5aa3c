using System;
using System.Diagnostics;
using System.Globalization;
using Teleport.Cli.Bench;

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
        Console.WriteLine(FmaPeak.Line());
        var shapes = GemmShape.All;
        // An explicit shape: KIND:MxKxN, e.g. NT:20x128x16 (several separated by commas).
        if (filter is not null && filter.Contains(':'))
        {
            shapes = Array.ConvertAll(filter.Split(','), text =>
            {
                var parts = text.Split(':');
                var dims = Array.ConvertAll(parts[1].Split('x'), d => int.Parse(d, CultureInfo.InvariantCulture));
                return new GemmShape(parts[0], dims[0], dims[1], dims[2], "explicit");
            });
            filter = null;
        }
        foreach (var shape in shapes)
        {
            if (filter is not null && !shape.ToString().Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
            using var runner = new GemmRunner(shape);
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < 1.5) runner.Run();
            var (quiet, median, best, count) = QuietWindow.Measure(runner.Run, sampleSeconds: 4e-3, budgetSeconds: 4);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{shape,-18} {shape.Note,-18} quiet median {quiet * 1e6,10:F3} us {shape.Flops / quiet / 1e9,6:F1} GFLOP/s ({count,2} quiet)   median {median * 1e6,10:F3} us {shape.Flops / median / 1e9,6:F1}   best {best * 1e6,10:F3} us {shape.Flops / best / 1e9,6:F1}"));
        }
        Console.WriteLine(FmaPeak.Line());
    }
}
