using System;

namespace Teleport.Teleportation;

/// <summary>
/// What a model must provide for a group teleport with given options, stated before anything runs: the members its
/// objective differentiates through, and at least one symmetry the options select on a batch of the given size.
/// </summary>
public static class TeleportCapability
{
    /// <summary>
    /// Why a group teleport of <paramref name="model"/> with <paramref name="options"/> on batches of
    /// <paramref name="batch"/> samples could not move it, or null when it can.
    /// </summary>
    public static string? Problem<T>(ITeleportable<T> model, TeleportOptions options, int batch)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (MissingMembers(model, options.Objective) is { } missing)
        {
            return $"the {options.Objective} objective needs {missing}, which {model.Info.Name} does not provide";
        }

        NetworkInfo info = model.Info;
        Span<bool> active = info.Symmetries.Count <= 256 ? stackalloc bool[info.Symmetries.Count] : new bool[info.Symmetries.Count];
        int count = SymmetrySelection.Select(info, options.Symmetries, batch, active);
        for (int s = 0; options.OnlyLayer is { } layer && s < active.Length; s++)
        {
            if (active[s] && info.Symmetries[s].Layer != layer)
            {
                count--;
            }
        }

        if (count == 0)
        {
            string where = options.OnlyLayer is { } only ? $" on hidden layer {only}" : "";
            return $"{info.Name} has no {options.Symmetries} symmetry{where} for a batch of {batch} (its symmetries: {Describe(info)})";
        }

        return null;
    }

    /// <summary>The members the objective differentiates through that <paramref name="model"/> lacks, or null.</summary>
    internal static string? MissingMembers<T>(ITeleportable<T> model, TeleportObjective objective)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => objective switch
        {
            TeleportObjective.GradientNorm => null,
            TeleportObjective.Curvature => model is IOrbitDerivatives<T> ? null : "orbit derivatives (IOrbitDerivatives)",
            TeleportObjective.Sharpness => model is ILieAlgebraAdjoint<T> ? null : "the action's adjoint on any cotangent (ILieAlgebraAdjoint)",
            _ => model is ILieAlgebraAdjoint<T> && model is IThirdOrderModel<T> ? null : "the third-order term and the action's adjoint (IThirdOrderModel, ILieAlgebraAdjoint)",
        };

    private static string Describe(NetworkInfo info)
    {
        if (info.Symmetries.Count == 0)
        {
            return "none";
        }

        var parts = new string[info.Symmetries.Count];
        for (int s = 0; s < parts.Length; s++)
        {
            parts[s] = $"{info.Symmetries[s].Id} on layer {info.Symmetries[s].Layer}";
        }

        return string.Join(", ", parts);
    }
}
