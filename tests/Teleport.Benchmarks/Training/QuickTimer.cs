using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Teleport.Benchmarks.Kernels;
using Teleport.Optimizers;
using Teleport.Teleportation;

namespace Teleport.Benchmarks.Training;

/// <summary>
/// A fast manual timer for the end-to-end figures (`-- quick-train`): after a 2 s warm-up per case
/// (tiered JIT), the median of repeated runs in wall and in thread CPU time (robust to a loaded
/// machine), plus allocated bytes per run.
/// </summary>
internal static class QuickTimer
{
    private static string? s_filter;

    public static void Run(string? filter = null)
    {
        s_filter = filter;
        var paper = new PaperMlp();
        paper.InitializeParameters(1);
        var (x20, y20) = BenchmarkData.Batch(20, 784, 1);
        var (x200, y200) = BenchmarkData.Batch(200, 784, 3);
        var gradient = new float[PaperMlp.ParameterCount];
        var adagrad = OptimizerFactory.Create<float>(OptimizerKind.AdaGrad, new OptimizerSettings { LearningRate = 1e-2 }, PaperMlp.ParameterCount);
        var sgd = OptimizerFactory.Create<float>(OptimizerKind.Sgd, new OptimizerSettings { LearningRate = 1e-2 }, PaperMlp.ParameterCount);
        var wide = new WideMlp();
        wide.InitializeParameters(1);
        var (x128, y128) = BenchmarkData.Batch(128, 784, 2);
        var wideGradient = new float[WideMlp.ParameterCount];
        var wideSgd = OptimizerFactory.Create<float>(OptimizerKind.Sgd, new OptimizerSettings { LearningRate = 1e-2 }, WideMlp.ParameterCount);
        var initial = paper.Parameters.ToArray();
        var exact = new TeleportOptions { Steps = 10, RequireAscent = false };
        var all = new TeleportOptions { Steps = 10, Symmetries = SymmetrySet.All, RequireAscent = false };
        var active = new bool[PaperMlp.Info.Symmetries.Count];
        active[0] = active[3] = true;
        var lie = new float[PaperMlp.LieAlgebraDimension];
        var steps = 0;

        Measure("paper 784-16-10-10 b20 AdaGrad step", 2000, () => { paper.LossAndGradient(x20, y20, gradient); adagrad.Step(paper.Parameters, gradient); });
        Measure("paper 784-16-10-10 b20 SGD step", 2000, () => { paper.LossAndGradient(x20, y20, gradient); sgd.Step(paper.Parameters, gradient); });
        Measure("wide 784-512-512-10 b128 SGD step", 20, () => { wide.LossAndGradient(x128, y128, wideGradient); wideSgd.Step(wide.Parameters, wideGradient); });
        Measure("objective b200 (plain)", 50, () => paper.TeleportObjectiveGradient(x200, y200, active, default, lie));
        Measure("session begin b200 (K = X·Xᵀ)", 20, () => paper.BeginTeleportSession(x200));
        paper.BeginTeleportSession(x200);
        Measure("objective b200 (session)", 50, () => paper.TeleportObjectiveGradient(x200, y200, active, default, lie));
        paper.EndTeleportSession();
        Measure("teleport b200 10 steps exact (S2)", 20, () => { initial.CopyTo(paper.Parameters); steps = paper.Teleport(x200, y200, exact).StepsTaken; });
        if (steps > 0) Console.WriteLine($"    (steps taken {steps})");
        steps = 0;
        Measure("teleport b200 10 steps all (S3@0, S2@1)", 10, () => { initial.CopyTo(paper.Parameters); steps = paper.Teleport(x200, y200, all).StepsTaken; });
        if (steps > 0) Console.WriteLine($"    (steps taken {steps})");
        steps = 0;
    }

    private static void Measure(string name, int inner, Action action)
    {
        if (s_filter is not null && !name.Contains(s_filter, StringComparison.OrdinalIgnoreCase)) return;
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 2) action();
        var wall = new List<double>();
        var cpu = new List<double>();
        long allocated = 0;
        for (var rep = 0; rep < 15; rep++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var c0 = ThreadCpuClock.Seconds();
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < inner; i++) action();
            wall.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds / inner);
            cpu.Add((ThreadCpuClock.Seconds() - c0) / inner);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        wall.Sort();
        cpu.Sort();
        // Samples bracketed by a cache-bound probe; "quiet" ones ran while no other virtual machine
        // loaded this core's sibling (see QuietWindow): comparable across runs on a shared host.
        var (quiet, _, _, quietCount) = QuietWindow.Measure(action, sampleSeconds: 5e-3, budgetSeconds: 6);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-44} median {wall[7] * 1e6,10:F1} us   thread-CPU median {cpu[7] * 1e6,10:F1} us   best {wall[0] * 1e6,10:F1} us   quiet median {quiet * 1e6,10:F1} us ({quietCount,2})   allocated {allocated / inner} B/run"));
    }
}
