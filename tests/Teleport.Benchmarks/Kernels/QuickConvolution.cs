using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Cli.Bench;
using Teleport.Kernels;

namespace Teleport.Benchmarks.Kernels;

/// <summary>
/// <c>-- quick-conv [rounds]</c>: the forward convolution of the built-in CNNs' layers on a batch of 20, by the
/// runtime's im2col + GEMM (<see cref="Convolution2d.Forward{T}"/>) and by <see cref="DirectConvolution"/>, in thread
/// CPU time, rounds interleaved; prints per shape the median time of each and the median of the per-round ratio
/// direct / im2col (&gt; 1: im2col is faster). Both results are compared first (max relative difference).
/// </summary>
internal static class QuickConvolution
{
    private const int Batch = 20;

    private static readonly (string Name, ConvolutionShape Shape)[] Shapes =
    [
        ("paper-cnn conv0 [1,28,28]→16 k3 p1", new ConvolutionShape(1, 28, 28, 16, 3, 1, 1)),
        ("paper-cnn conv2 [16,14,14]→32 k3 p1", new ConvolutionShape(16, 14, 14, 32, 3, 1, 1)),
        ("cifar-cnn conv0 [3,32,32]→32 k3 p1", new ConvolutionShape(3, 32, 32, 32, 3, 1, 1)),
        ("cifar-cnn conv2 [32,16,16]→64 k3 p1", new ConvolutionShape(32, 16, 16, 64, 3, 1, 1)),
        ("stride 2 [8,28,28]→16 k3 s2 p1", new ConvolutionShape(8, 28, 28, 16, 3, 2, 1)),
        ("5×5 [1,28,28]→8 k5", new ConvolutionShape(1, 28, 28, 8, 5, 1, 0)),
    ];

    public static void Run(int rounds)
    {
        // One thread for both: a split product's caller spins while it waits for the worker, which thread CPU time counts.
        MatrixMultiply.MaxThreads = 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forward convolution, batch {Batch}, {rounds} interleaved rounds, thread CPU time (ThreadCpuClock: {ThreadCpuClock.IsAvailable})"));
        Console.WriteLine("| shape | im2col + GEMM (ms) | direct (ms) | direct / im2col (median, min–max) | max rel. diff |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, shape) in Shapes)
        {
            var random = new Random(1);
            var input = new float[Batch * shape.InputSize];
            var weight = new float[shape.WeightSize];
            for (int i = 0; i < input.Length; i++) input[i] = (float)(2 * random.NextDouble() - 1);
            for (int i = 0; i < weight.Length; i++) weight[i] = (float)(2 * random.NextDouble() - 1);
            var a = new float[Batch * shape.OutputSize];
            var b = new float[a.Length];
            Convolution2d.Forward<float>(input, weight, a, Batch, shape);
            DirectConvolution.Forward(input, weight, b, Batch, shape);
            double scale = 0, diff = 0;
            for (int i = 0; i < a.Length; i++)
            {
                scale = Math.Max(scale, Math.Abs(a[i]));
                diff = Math.Max(diff, Math.Abs(a[i] - b[i]));
            }

            // repetitions so one timing takes ~20 ms at ~5 GFLOP/s
            long flops = 2L * Batch * shape.OutputSize * shape.Patch;
            int reps = (int)Math.Max(1, 100_000_000 / flops);
            var im2col = new List<double>();
            var direct = new List<double>();
            var ratios = new List<double>();
            for (int r = 0; r < rounds; r++)
            {
                double t0 = ThreadCpuClock.Seconds();
                for (int i = 0; i < reps; i++) Convolution2d.Forward<float>(input, weight, a, Batch, shape);
                double t1 = ThreadCpuClock.Seconds();
                for (int i = 0; i < reps; i++) DirectConvolution.Forward(input, weight, b, Batch, shape);
                double t2 = ThreadCpuClock.Seconds();
                im2col.Add((t1 - t0) / reps * 1e3);
                direct.Add((t2 - t1) / reps * 1e3);
                ratios.Add((t2 - t1) / (t1 - t0));
            }

            ratios.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Median.Of(im2col):F3} | {Median.Of(direct):F3} | {Median.Of(ratios):F2} ({ratios[0]:F2}–{ratios[^1]:F2}) | {diff / scale:E1} |"));
        }
    }
}
