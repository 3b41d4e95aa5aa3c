using System;
using System.Collections.Generic;
using Teleport.Cli.Models;
using Teleport.Optimizers;
using Teleport.Teleportation;

namespace Teleport.Cli.Bench;

// paper-cnn's training step and teleport (no PyTorch peer entry yet: the peer's microbench.py times MLPs only).
internal static partial class BenchCases
{
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
        var g = new float[PaperCnn.ParameterCount];
        foreach (var (kind, lr) in new[] { (OptimizerKind.Sgd, 1e-2), (OptimizerKind.Adam, 1e-3) })
        {
            var optimizer = OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = lr }, PaperCnn.ParameterCount);
            cases.Add(new($"step paper-cnn b20 {kind}", null, 20, () =>
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
            cases.Add(new(transport ? CnnTeleport : CnnTeleportRecomputed, null, 1, () =>
            {
                start.AsSpan().CopyTo(teleportModel.Parameters);
                last = teleportModel.Teleport(x200, y200, options);
            }, () => last is null ? "" : $"steps taken {last.StepsTaken}, ‖∇L‖² ×{last.GradNormSquaredGain:G6}"));
        }
    }
}
