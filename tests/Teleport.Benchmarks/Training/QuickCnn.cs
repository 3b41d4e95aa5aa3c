using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Benchmarks.Kernels;
using Teleport.Cli.Bench;
using Teleport.Cli.Models;
using Teleport.Kernels;

namespace Teleport.Benchmarks.Training;

/// <summary>
/// <c>-- quick-cnn [rounds]</c>: where paper-cnn's training step (batch 20) and teleport objective (batch 200) spend their
/// time. Times, in thread CPU time and interleaved rounds, the generated LossAndGradient and TeleportObjectiveGradient and
/// each convolution/pooling kernel call of the step at the same shapes, one by one (medians per call).
/// </summary>
internal static class QuickCnn
{
    private static readonly ConvolutionShape Conv0 = new(1, 28, 28, 16, 3, 1, 1);
    private static readonly ConvolutionShape Conv2 = new(16, 14, 14, 32, 3, 1, 1);

    public static void Run(int rounds)
    {
        MatrixMultiply.MaxThreads = 1;
        var parts = new List<(string Name, Action Body, int Reps)>();
        foreach (int n in new[] { 20, 200 })
        {
            var random = new Random(1);
            float[] Fill(int length)
            {
                var a = new float[length];
                for (int i = 0; i < a.Length; i++) a[i] = (float)(random.NextDouble() - 0.5);
                return a;
            }

            var x = Fill(n * 784);
            var w0 = Fill(Conv0.WeightSize);
            var w2 = Fill(Conv2.WeightSize);
            var z0 = new float[n * Conv0.OutputSize];
            var h1 = Fill(n * Conv2.InputSize);
            var z2 = new float[n * Conv2.OutputSize];
            var dz2 = Fill(n * Conv2.OutputSize);
            var dh1 = new float[n * Conv2.InputSize];
            var gw2 = new float[Conv2.WeightSize];
            var dz0 = Fill(n * Conv0.OutputSize);
            var gw0 = new float[Conv0.WeightSize];
            var h0 = Fill(n * Conv0.OutputSize);
            var pool = new PoolShape(16, 28, 28, 2);
            int reps = n == 20 ? 20 : 2;
            parts.Add(($"b{n} conv0 forward", () => Convolution2d.Forward<float>(x, w0, z0, n, Conv0), reps));
            parts.Add(($"b{n} conv0 weight adjoint", () => Convolution2d.WeightAdjoint<float>(dz0, x, gw0, n, Conv0), reps));
            parts.Add(($"b{n} conv2 forward", () => Convolution2d.Forward<float>(h1, w2, z2, n, Conv2), reps));
            parts.Add(($"b{n} conv2 input adjoint", () => Convolution2d.InputAdjoint<float>(dz2, w2, dh1, n, Conv2), reps));
            parts.Add(($"b{n} conv2 weight adjoint", () => Convolution2d.WeightAdjoint<float>(dz2, h1, gw2, n, Conv2), reps));
            parts.Add(($"b{n} maxpool0 gather", () => Pooling.MaxGather<float>(h0, h0, h1, n, pool), reps));
            parts.Add(($"b{n} maxpool0 gather (other selector)", () => Pooling.MaxGather<float>(z0, h0, h1, n, pool), reps));
            parts.Add(($"b{n} clear [n,16,28,28]", () => z0.AsSpan().Clear(), reps));
            parts.Add(($"b{n} plain float argmax loop", () => PlainScatter(h1, h0, z0, n * 16), reps));
            parts.Add(($"b{n} maxpool0 scatter", () => Pooling.MaxScatter<float>(h1, h0, z0, n, pool), reps));

            var model = new PaperCnn();
            model.InitializeParameters(1);
            var xs = Fill(n * 784);
            var ys = new int[n];
            for (int i = 0; i < n; i++) ys[i] = random.Next(10);
            var g = new float[PaperCnn.ParameterCount];
            var lie = new float[PaperCnn.LieAlgebraDimension];
            bool[] active = [true, true];
            parts.Add(($"b{n} LossAndGradient (whole)", () => model.LossAndGradient(xs, ys, g), reps));
            var twin = model.ToFloat64();
            var xd = Array.ConvertAll(xs, v => (double)v);
            parts.Add(($"b{n} Float64 twin Loss (the guard)", () => twin.Loss(xd, ys), reps));
            var start = model.Parameters.ToArray();
            var teleporter = new Teleport.Teleportation.Teleporter<float>(model);
            var teleportOptions = new Teleport.Teleportation.TeleportOptions { Steps = 10, RequireAscent = false };
            parts.Add(($"b{n} teleport 10 steps (transported)", () =>
            {
                start.AsSpan().CopyTo(model.Parameters);
                teleporter.Teleport(xs, new Targets<float>(ys), teleportOptions);
            }, Math.Max(1, reps / 2)));
            parts.Add(($"b{n} TeleportObjectiveGradient (whole)", () => model.TeleportObjectiveGradient(xs, ys, active, g, lie), Math.Max(1, reps / 2)));
        }

        var times = new List<double>[parts.Count];
        for (int i = 0; i < parts.Count; i++)
        {
            times[i] = [];
            double until = ThreadCpuClock.Seconds() + 0.5;
            while (ThreadCpuClock.Seconds() < until) parts[i].Body(); // warm-up: the tiered JIT needs ~30 calls and a pause to reach tier 1
        }

        System.Threading.Thread.Sleep(500); // let the background tier-1 compilations finish
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < parts.Count; i++)
            {
                double t0 = ThreadCpuClock.Seconds();
                for (int k = 0; k < parts[i].Reps; k++) parts[i].Body();
                times[i].Add((ThreadCpuClock.Seconds() - t0) / parts[i].Reps * 1e3);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"paper-cnn parts, {rounds} interleaved rounds, thread CPU time per call (median, ms)"));
        for (int i = 0; i < parts.Count; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{parts[i].Name,-42} {Median.Of(times[i]),9:F3}"));
        }
    }

    private static void PlainScatter(float[] v, float[] x, float[] y, int planes)
    {
        for (int q = 0; q < planes; q++)
        {
            int b0 = q * 784, o0 = q * 196;
            for (int i = 0; i < 14; i++)
            {
                for (int j = 0; j < 14; j++)
                {
                    int c = b0 + 2 * i * 28 + 2 * j;
                    float a = x[c], b = x[c + 1], cc = x[c + 28], d = x[c + 29];
                    int at = c;
                    float m = a;
                    if (b > m) { m = b; at = c + 1; }
                    if (cc > m) { m = cc; at = c + 28; }
                    if (d > m) { at = c + 29; }
                    y[c] = 0; y[c + 1] = 0; y[c + 28] = 0; y[c + 29] = 0;
                    y[at] = v[o0 + i * 14 + j];
                }
            }
        }
    }
}
