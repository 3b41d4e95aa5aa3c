using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Teleport.Benchmarks.Kernels;
using Teleport.Kernels;
using Teleport.Optimizers;

namespace Teleport.Benchmarks.Training;

/// <summary>
/// Where the wide network's step goes (<c>-- quick-wide [threads]</c>): the forward and backward pass,
/// the sum of its matrix products timed alone, the rest (elementwise, bias, softmax: the difference),
/// and the optimizer steps — medians in thread CPU time (one thread) or wall time (two).
/// </summary>
internal static class QuickWide
{
    public static void Run(int threads)
    {
        MatrixMultiply.MaxThreads = threads;
        var inv = CultureInfo.InvariantCulture;
        var wide = new WideMlp();
        wide.InitializeParameters(1);
        var (x, y) = BenchmarkData.Batch(128, 784, 2);
        var gradient = new float[WideMlp.ParameterCount];
        var sgd = OptimizerFactory.Create<float>(OptimizerKind.Sgd, new OptimizerSettings { LearningRate = 1e-9 }, WideMlp.ParameterCount);
        var adam = OptimizerFactory.Create<float>(OptimizerKind.Adam, new OptimizerSettings { LearningRate = 1e-9 }, WideMlp.ParameterCount);
        var runners = GemmShape.Wide.Select(s => new GemmRunner(s)).ToArray();
        var parts = new (string Name, Action Work)[]
        {
            ("loss and gradient (forward + backward)", () => wide.LossAndGradient(x, y, gradient)),
            ("its 8 matrix products alone", () => { foreach (var r in runners) r.Run(); }),
            ("SGD step (669 706 parameters)", () => sgd.Step(wide.Parameters, gradient)),
            ("Adam step", () => adam.Step(wide.Parameters, gradient)),
        };
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 2)
            foreach (var p in parts) p.Work();
        var medians = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var samples = Enumerable.Range(0, 21).Select(_ => Time(parts[i].Work, threads == 1)).OrderBy(t => t).ToArray();
            medians[i] = samples[samples.Length / 2];
            Console.WriteLine(string.Create(inv, $"{parts[i].Name,-40} {medians[i] * 1e3,8:F3} ms"));
        }
        Console.WriteLine(string.Create(inv, $"{"rest of the pass (difference)",-40} {(medians[0] - medians[1]) * 1e3,8:F3} ms ({(medians[0] - medians[1]) / (medians[0] + medians[2]):P0} of an SGD step)"));
        foreach (var r in runners) r.Dispose();
    }

    private static double Time(Action action, bool cpu)
    {
        const int calls = 5;
        if (cpu && ThreadCpuClock.IsAvailable)
        {
            var c = ThreadCpuClock.Seconds();
            for (var i = 0; i < calls; i++) action();
            return (ThreadCpuClock.Seconds() - c) / calls;
        }
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++) action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds / calls;
    }
}
