using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using Teleport.Benchmarks.Kernels;
using Teleport.Kernels;
using Teleport.Optimizers;

namespace Teleport.Benchmarks.Training;

/// <summary>
/// Times every kernel call of the paper network's training step (batch 20) and of its session
/// objective (batch 200) one by one (`-- quick-parts [filter]`): the same shapes and call sequence
/// the generated code runs, to see where the microseconds go.
/// </summary>
internal static class QuickParts
{
    private readonly struct Leaky : IUnaryOperator<float>
    {
        public static float Invoke(float x) => x > 0 ? x : 0.1f * x;
        public static Vector128<float> Invoke(Vector128<float> x) => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, x * 0.1f);
        public static Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * 0.1f);
        public static Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, x * 0.1f);
    }

    private readonly struct LeakyVjp : IBinaryOperator<float>
    {
        public static float Invoke(float z, float d) => z > 0 ? d : 0.1f * d;
        public static Vector128<float> Invoke(Vector128<float> z, Vector128<float> d) => Vector128.ConditionalSelect(Vector128.GreaterThan(z, Vector128<float>.Zero), d, d * 0.1f);
        public static Vector256<float> Invoke(Vector256<float> z, Vector256<float> d) => Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<float>.Zero), d, d * 0.1f);
        public static Vector512<float> Invoke(Vector512<float> z, Vector512<float> d) => Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512<float>.Zero), d, d * 0.1f);
    }

    private static string? s_filter;
    private static double s_total;

    public static void Run(string? filter)
    {
        s_filter = filter;
        Step(20);
        Session(200);
    }

    private static void Step(int n)
    {
        var (x, y) = BenchmarkData.Batch(n, 784, 1);
        var theta = new float[12804];
        var r = new Random(7);
        for (var i = 0; i < theta.Length; i++) theta[i] = (float)(r.NextDouble() - 0.5) * 0.1f;
        var g = new float[12804];
        var ws = new float[n * 258];
        ReadOnlySpan<float> W0() => theta.AsSpan(0, 12544);
        ReadOnlySpan<float> W1() => theta.AsSpan(12544, 160);
        ReadOnlySpan<float> W2() => theta.AsSpan(12704, 100);
        Span<float> S(int at, int len) => ws.AsSpan(at * n, len * n);
        var sgd = OptimizerFactory.Create<float>(OptimizerKind.Sgd, new OptimizerSettings { LearningRate = 1e-9 }, 12804);
        var adagrad = OptimizerFactory.Create<float>(OptimizerKind.AdaGrad, new OptimizerSettings { LearningRate = 1e-9 }, 12804);
        var parts = new List<(string, Action)>
        {
            ("NT z0 = X W0'  20x784x16", () => MatrixMultiply.NT(x, W0(), S(0, 16), n, 784, 16)),
            ("map h0", () => Elementwise.Map<float, Leaky>(S(0, 16), S(16, 16))),
            ("NT z1 = h0 W1' 20x16x10", () => MatrixMultiply.NT(S(16, 16), W1(), S(32, 10), n, 16, 10)),
            ("map h1", () => Elementwise.Map<float, Leaky>(S(32, 10), S(42, 10))),
            ("NT z2 = h1 W2' 20x10x10", () => MatrixMultiply.NT(S(42, 10), W2(), S(52, 10), n, 10, 10)),
            ("softmax forward", () => SoftmaxCrossEntropy.Forward<float>(S(52, 10), y, S(62, 10), n, 10)),
            ("softmax gradient", () => SoftmaxCrossEntropy.Gradient<float>(S(62, 10), y, S(72, 10), n, 10)),
            ("NN dh1 20x10x10", () => MatrixMultiply.NN(S(72, 10), W2(), S(82, 10), n, 10, 10)),
            ("TN gw2 10x20x10", () => MatrixMultiply.TN(S(72, 10), S(42, 10), g.AsSpan(12704, 100), 10, n, 10)),
            ("map dz1", () => Elementwise.Map<float, LeakyVjp>(S(32, 10), S(82, 10), S(92, 10))),
            ("NN dh0 20x10x16", () => MatrixMultiply.NN(S(92, 10), W1(), S(102, 16), n, 10, 16)),
            ("TN gw1 10x20x16", () => MatrixMultiply.TN(S(92, 10), S(16, 16), g.AsSpan(12544, 160), 10, n, 16)),
            ("map dz0", () => Elementwise.Map<float, LeakyVjp>(S(0, 16), S(102, 16), S(118, 16))),
            ("TN gw0 = dz0' X 16x20x784", () => MatrixMultiply.TN(S(118, 16), x, g.AsSpan(0, 12544), 16, n, 784)),
            ("SGD step 12804", () => sgd.Step(theta, g)),
            ("AdaGrad step 12804", () => adagrad.Step(theta, g)),
        };
        Time($"paper step b{n}", parts);
    }

    private static void Session(int n)
    {
        var (x, y) = BenchmarkData.Batch(n, 784, 3);
        var r = new Random(7);
        var theta = new float[12804];
        for (var i = 0; i < theta.Length; i++) theta[i] = (float)(r.NextDouble() - 0.5) * 0.1f;
        var ws = new float[n * 258];
        var gram = new float[n * n];
        var result = new float[12804];
        MatrixMultiply.NT(x, x, gram, n, 784, n);
        Span<float> S(int at, int len) => ws.AsSpan(at * n, len * n);
        var parts = new List<(string, Action)>
        {
            ("gram NT 200x784x200 (full)", () => MatrixMultiply.NT(x, x, gram, n, 784, n)),
            ("NT z0 200x784x16", () => MatrixMultiply.NT(x, theta.AsSpan(0, 12544), S(0, 16), n, 784, 16)),
            ("NN K dz0 200x200x16", () => MatrixMultiply.NN(gram, S(118, 16), S(134, 16), n, n, 16)),
            ("TN 16x200x200 (adjoint gram)", () => MatrixMultiply.TN(S(118, 16), gram, S(150, 16), 16, n, n)),
            ("NT 200x16x10", () => MatrixMultiply.NT(S(16, 16), theta.AsSpan(12544, 160), S(32, 10), n, 16, 10)),
            ("NT 200x10x10", () => MatrixMultiply.NT(S(42, 10), theta.AsSpan(12704, 100), S(52, 10), n, 10, 10)),
            ("NN 200x10x10", () => MatrixMultiply.NN(S(72, 10), theta.AsSpan(12704, 100), S(82, 10), n, 10, 10)),
            ("NN 200x10x16", () => MatrixMultiply.NN(S(92, 10), theta.AsSpan(12544, 160), S(102, 16), n, 10, 16)),
            ("TN 10x200x10", () => MatrixMultiply.TN(S(72, 10), S(42, 10), result.AsSpan(12704, 100), 10, n, 10)),
            ("TN 10x200x16", () => MatrixMultiply.TN(S(92, 10), S(16, 16), result.AsSpan(12544, 160), 10, n, 16)),
            ("TN 16x200x16", () => MatrixMultiply.TN(S(92, 16), S(16, 16), result.AsSpan(0, 256), 16, n, 16)),
            ("map 3200", () => Elementwise.Map<float, LeakyVjp>(S(0, 16), S(102, 16), S(118, 16))),
            ("softmax forward b200", () => SoftmaxCrossEntropy.Forward<float>(S(52, 10), y, S(62, 10), n, 10)),
            ("softmax gradient b200", () => SoftmaxCrossEntropy.Gradient<float>(S(62, 10), y, S(72, 10), n, 10)),
            ("softmax tangent b200", () => SoftmaxCrossEntropy.Tangent<float>(S(62, 10), S(52, 10), S(180, 10), n, 10)),
            ("scalar doubling 12804", () => { var s = result.AsSpan(); for (var i = 0; i < s.Length; i++) s[i] += s[i]; }),
        };
        Time($"session objective parts b{n}", parts);
    }

    private static void Time(string title, List<(string Name, Action Action)> parts)
    {
        Console.WriteLine(title);
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 2)
        {
            foreach (var (name, action) in parts)
            {
                if (s_filter is null || name.Contains(s_filter, StringComparison.OrdinalIgnoreCase)) action();
            }
        }
        s_total = 0;
        foreach (var (name, action) in parts)
        {
            if (s_filter is not null && !name.Contains(s_filter, StringComparison.OrdinalIgnoreCase)) continue;
            var (quietMedian, median, best, quiet) = QuietWindow.Measure(action);
            s_total += double.IsNaN(quietMedian) ? median : quietMedian;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-34} quiet median {quietMedian * 1e6,9:F3} us ({quiet,2} quiet)   median {median * 1e6,9:F3} us   best {best * 1e6,9:F3} us"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"sum",-34} {s_total * 1e6,9:F3} us"));
    }
}
