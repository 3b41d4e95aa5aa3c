using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Teleport.Cli.Models;
using Teleport.Cli.Output;
using Teleport.Kernels;
using Teleport.Optimizers;
using Teleport.Teleportation;

namespace Teleport.Cli.Bench;

// paper-cnn's training step and teleport; the PyTorch keys are those of tests/Teleport.Benchmarks/cnn_microbench.py.
internal static partial class BenchCases
{
    /// <summary>paper-cnn's SGD step case, the unit a CNN teleport is priced in.</summary>
    public const string CnnSgdStep = "step paper-cnn b20 Sgd";

    /// <summary>
    /// "paper-cnn: one teleport costs N training steps (paper-cnn b20, SGD) transported, M recomputed" with PyTorch's
    /// counts in brackets when its medians are known (transport in PyTorch, double backward in PyTorch); null unless the
    /// SGD step and a teleport case ran.
    /// </summary>
    public static string? CnnTeleportInStepsLine(IReadOnlyList<BenchResult> results)
    {
        var step = results.FirstOrDefault(r => r.Case.Name == CnnSgdStep);
        if (step is null) return null;
        var parts = new List<string>();
        foreach (var (name, label, torchLabel) in new[] { (CnnTeleport, "transported", "PyTorch transported"), (CnnTeleportRecomputed, "recomputed", "PyTorch double backward") })
        {
            if (results.FirstOrDefault(r => r.Case.Name == name) is not { } teleport) continue;
            var part = string.Create(CultureInfo.InvariantCulture, $"{teleport.MedianSeconds / step.MedianSeconds:F0} {label}");
            if (step.TorchMedianSeconds is { } s && teleport.TorchMedianSeconds is { } t) part += string.Create(CultureInfo.InvariantCulture, $" ({torchLabel} {t / s:F0})");
            parts.Add(part);
        }

        return parts.Count == 0 ? null : "paper-cnn: one teleport costs, in training steps (paper-cnn b20, SGD): " + string.Join(", ", parts);
    }

    /// <summary>paper-cnn's teleport case.</summary>
    public const string CnnTeleport = "teleport paper-cnn b200, 10 steps (exact)";

    /// <summary>The same teleport recomputing ∇L and H·∇L from the batch at every step (<see cref="TeleportOptions.GradientTransport"/> off).</summary>
    public const string CnnTeleportRecomputed = "teleport paper-cnn b200, 10 steps (exact, recomputed)";

    private static void AddCnnCases(List<BenchCase> cases)
    {
        var cnn = new PaperCnn();
        cnn.InitializeParameters(1);
        var initial = cnn.Parameters.ToArray();
        var (x20, y20) = Batch(20, 5);
        var g = new AlignedArray<float>(PaperCnn.ParameterCount);
        foreach (var (kind, lr) in new[] { (OptimizerKind.Sgd, 1e-2), (OptimizerKind.Adam, 1e-3) })
        {
            var optimizer = OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = lr }, PaperCnn.ParameterCount);
            cases.Add(new($"step paper-cnn b20 {kind}", $"d_step_paper-cnn_b20_{kind.ToString().ToLowerInvariant()}", 20, () =>
            {
                cnn.LossAndGradient(x20, y20, g);
                optimizer.Step(cnn.Parameters, g);
            })
            { Restore = () => { initial.AsSpan().CopyTo(cnn.Parameters); optimizer.Reset(); } });
        }

        var teleportModel = new PaperCnn();
        teleportModel.InitializeParameters(1);
        var start = teleportModel.Parameters.ToArray();
        var (x200, y200) = Batch(200, 6);
        foreach (bool transport in new[] { true, false })
        {
            var options = new TeleportOptions { Steps = 10, RequireAscent = false, GradientTransport = transport };
            TeleportReport? last = null;
            cases.Add(new(transport ? CnnTeleport : CnnTeleportRecomputed, transport ? "e_teleport_paper-cnn_b200_10steps_transport" : "e_teleport_paper-cnn_b200_10steps_autograd", 1, () =>
            {
                start.AsSpan().CopyTo(teleportModel.Parameters);
                last = teleportModel.Teleport(x200, y200, options);
            }, () => last is null ? "" : $"steps taken {last.StepsTaken}, ‖∇L‖² {Format.Change(last.GradNormSquaredBefore, last.GradNormSquaredAfter, "G6")}"));
        }
    }
}
