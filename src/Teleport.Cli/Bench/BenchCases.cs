using System;
using System.Collections.Generic;
using Teleport.Cli.Models;
using Teleport.Cli.Output;
using Teleport.Kernels;
using Teleport.Optimizers;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Cli.Bench;

/// <summary>
/// The figures the runtime is judged by, on the same work as the PyTorch peer: one training step
/// (forward, backward, optimizer) of 784-16-10-10 at batch 20 and of 784-512-512-10 (ReLU, bias)
/// at batch 128; one teleport of 10 ascent steps on a batch of 200 for each; and matrix products.
/// </summary>
internal static partial class BenchCases
{
    /// <summary>The case a teleport's cost is expressed in: one SGD step of the paper's network at batch 20.</summary>
    public const string PaperSgdStep = "step 784-16-10-10 b20 Sgd";

    /// <summary>The teleport case.</summary>
    public const string Teleport = "teleport 784-16-10-10 b200, 10 steps (exact)";

    /// <summary>The level-set teleport case (issue 12): the default solver (10 SLP iterations, 5 restoration steps).</summary>
    public const string LevelSetTeleport = "teleport 784-16-10-10 b200, level set (defaults)";

    /// <summary>The null-space teleport case (issue 12): the defaults (10 steps, τ 0.99).</summary>
    public const string NullSpaceTeleport = "teleport 784-16-10-10 b200, null space (defaults)";

    /// <summary>The teleport cases of the three methods, by record name, whose cost <see cref="BenchRunner.TeleportInStepsLine"/> states.</summary>
    public static readonly (string Method, string Case)[] MethodTeleports =
        [("group", Teleport), ("level-set", LevelSetTeleport), ("null-space", NullSpaceTeleport)];

    /// <summary>The wide network's teleport case.</summary>
    public const string WideTeleport = "teleport 784-512-512-10 b200, 10 steps (exact)";

    public static IReadOnlyList<BenchCase> Create()
    {
        var cases = new List<BenchCase>();
        var paper = new PaperMlp();
        paper.InitializeParameters(1);
        var paperInitial = paper.Parameters.ToArray();
        var (x20, y20) = Batch(20, 1);
        var g = new AlignedArray<float>(PaperMlp.ParameterCount);
        foreach (var (kind, lr, key) in new[] { (OptimizerKind.Sgd, 1e-2, "sgd"), (OptimizerKind.AdaGrad, 1e-2, (string?)null), (OptimizerKind.Adam, 1e-4, "adam") })
        {
            var optimizer = OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = lr }, PaperMlp.ParameterCount);
            var torchKey = key is null ? null : $"a_step_784-16-10-10_b20_nobias_leakyrelu_{key}";
            cases.Add(new($"step 784-16-10-10 b20 {kind}", torchKey, 200, () =>
            {
                paper.LossAndGradient(x20, y20, g);
                optimizer.Step(paper.Parameters, g);
            })
            { Restore = () => { paperInitial.CopyTo(paper.Parameters); optimizer.Reset(); } });
        }

        var wide = new WideMlp();
        wide.InitializeParameters(1);
        var wideInitial = wide.Parameters.ToArray();
        var (x128, y128) = Batch(128, 2);
        var gw = new AlignedArray<float>(WideMlp.ParameterCount);
        foreach (var (kind, lr, key) in new[] { (OptimizerKind.Sgd, 1e-2, "sgd"), (OptimizerKind.Adam, 1e-4, "adam") })
        {
            var optimizer = OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = lr }, WideMlp.ParameterCount);
            cases.Add(new($"step 784-512-512-10 b128 {kind}", $"b_step_784-512-512-10_b128_bias_relu_{key}", 3, () =>
            {
                wide.LossAndGradient(x128, y128, gw);
                optimizer.Step(wide.Parameters, gw);
            })
            { Restore = () => { wideInitial.CopyTo(wide.Parameters); optimizer.Reset(); } });
        }

        // Every ascent step is taken (no ascent requirement), as the peer's loop always takes 10.
        var teleportModel = new PaperMlp();
        teleportModel.InitializeParameters(1);
        var initial = teleportModel.Parameters.ToArray();
        var (x200, y200) = Batch(200, 3);
        var options = new TeleportOptions { Steps = 10, RequireAscent = false };
        TeleportReport? last = null;
        cases.Add(new(Teleport, "c_teleport_10steps_784-16-10-10_b200", 5, () =>
        {
            initial.CopyTo(teleportModel.Parameters);
            last = teleportModel.Teleport(x200, y200, options);
        }, () => last is null ? "" : $"steps taken {last.StepsTaken}, ‖∇L‖² {Format.Change(last.GradNormSquaredBefore, last.GradNormSquaredAfter)}"));

        // The methods without a group (issue 12), each with its defaults, from the same start and batch.
        foreach (var (name, method) in new[] { (LevelSetTeleport, TeleportMethod.LevelSet), (NullSpaceTeleport, TeleportMethod.NullSpace) })
        {
            var methodOptions = new TeleportOptions { Method = method };
            TeleportReport? report = null;
            cases.Add(new(name, null, 2, () =>
            {
                initial.CopyTo(teleportModel.Parameters);
                report = teleportModel.Teleport(x200, y200, methodOptions);
            }, () => report is null ? "" : $"steps taken {report.StepsTaken}, ‖∇L‖² {Format.Change(report.GradNormSquaredBefore, report.GradNormSquaredAfter)}, {TeleportCallback.StopReasonName(report.StopReason)}"));
        }

        // The wide network's teleport: the products that scale to a second core (--threads 2).
        var wideTeleport = new WideMlp();
        wideTeleport.InitializeParameters(1);
        var wideStart = wideTeleport.Parameters.ToArray();
        var (x200w, y200w) = Batch(200, 4);
        TeleportReport? lastWide = null;
        cases.Add(new(WideTeleport, null, 1, () =>
        {
            wideStart.CopyTo(wideTeleport.Parameters);
            lastWide = wideTeleport.Teleport(x200w, y200w, options);
        }, () => lastWide is null ? "" : $"steps taken {lastWide.StepsTaken}, ‖∇L‖² {Format.Change(lastWide.GradNormSquaredBefore, lastWide.GradNormSquaredAfter)}"));

        AddCnnCases(cases);

        foreach (var (m, k, n, label) in new[] { (512, 512, 512, "512³"), (20, 784, 16, "20×784×16 (paper fwd)"), (128, 784, 512, "128×784×512 (wide fwd)") })
        {
            var a = new AlignedArray<float>(m * k);
            var b = new AlignedArray<float>(n * k);
            var c = new AlignedArray<float>(m * n);
            Fill(a, 4);
            Fill(b, 5);
            var calls = Math.Max(1, (int)(2e7 / (2.0 * m * n * k)));
            var flops = 2.0 * m * n * k;
            cases.Add(new($"matmul NT {label}", null, calls, () => MatrixMultiply.NT(a, b, c, m, k, n), null) { FlopsPerCall = flops });
        }
        return cases;
    }

    /// <summary>A batch of n uniform images (on a 64-byte boundary, as the trainer's batches are) and labels.</summary>
    private static (AlignedArray<float> Inputs, int[] Labels) Batch(int n, int seed)
    {
        var random = new Teleport.Data.SeededRandom(seed);
        var inputs = new AlignedArray<float>(n * 784);
        random.FillUniform(inputs, 0f, 1f);
        var labels = new int[n];
        for (var i = 0; i < n; i++) labels[i] = random.NextInt(10);
        return (inputs, labels);
    }

    private static void Fill(Span<float> values, int seed) => new Teleport.Data.SeededRandom(seed).FillUniform(values, -1f, 1f);
}
