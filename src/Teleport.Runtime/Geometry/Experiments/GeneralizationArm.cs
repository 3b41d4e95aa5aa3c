using System.Collections.Generic;
using Teleport.Teleportation;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// One arm of the Figure 4 experiment: from the baseline's checkpoint, <see cref="Teleports"/> teleports of
/// <see cref="Steps"/> steps at rate <see cref="Rate"/> that raise or lower <see cref="Objective"/>, one before each of
/// the first mini-batches of the teleport epoch; the control arm (<see cref="Objective"/> null) has the same schedule
/// and no teleport.
/// </summary>
public sealed record GeneralizationArm(string Name, TeleportObjective? Objective, ObjectiveDirection Direction, int Teleports, int Steps, double Rate)
{
    /// <summary>The control arm's name.</summary>
    public const string ControlName = "control";

    /// <summary>The arm without teleports.</summary>
    public static GeneralizationArm Control { get; } = new(ControlName, null, ObjectiveDirection.Increase, 0, 0, 0);

    /// <summary>Whether this is the control arm.</summary>
    public bool IsControl => Objective is null;

    /// <summary>
    /// The authors' arms for a data set (generalization-and-meta-learning.md A8, teleport_sharpness_curvature.py): counts,
    /// steps and rates per objective and direction, Fashion-MNIST's rates for "fashion-mnist", CIFAR-10's for "cifar10",
    /// MNIST's otherwise; the control arm first.
    /// </summary>
    public static IReadOnlyList<GeneralizationArm> Paper(string dataset)
    {
        var (phiUp, phiDown, psiUp, psiDown) = dataset switch
        {
            "fashion-mnist" => (1e-1, 3e-1, 5e-3, 3e-3),
            "cifar10" => (5e-2, 5e-2, 2e-1, 5e-2),
            _ => (5e-2, 5e-2, 2e-1, 5e-2),
        };
        return
        [
            Control,
            new("sharpness-up", TeleportObjective.Sharpness, ObjectiveDirection.Increase, 2, 10, phiUp),
            new("sharpness-down", TeleportObjective.Sharpness, ObjectiveDirection.Decrease, 10, 10, phiDown),
            new("curvature-up", TeleportObjective.Curvature, ObjectiveDirection.Increase, 10, 1, psiUp),
            new("curvature-down", TeleportObjective.Curvature, ObjectiveDirection.Decrease, 5, 1, psiDown),
        ];
    }
}
