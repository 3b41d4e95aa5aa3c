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
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is below 1 (it answered null: a teleport that
    /// refuses an empty batch reported as possible).</exception>
    public static string? Problem<T>(ITeleportable<T> model, TeleportOptions options, int batch)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        if (MissingMembers(model, options.Objective) is { } missing)
        {
            return missing;
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

    /// <summary>
    /// Why <paramref name="model"/> cannot evaluate <paramref name="objective"/>'s Lie-algebra gradient, in a user's terms
    /// (which derived quantity of which symmetries is missing, and for which objective), or null when it can.
    /// </summary>
    /// <remarks>
    /// The generator derives the members these objectives differentiate through — the adjoint of the action
    /// (<see cref="ILieAlgebraAdjoint{T}"/>), the orbit derivatives (<see cref="IOrbitDerivatives{T}"/>) and the
    /// third-order term (<see cref="IThirdOrderModel{T}"/>) — for dense, non-recurrent networks only; the interface names
    /// are for the code, not for the one line a user reads.
    /// </remarks>
    internal static string? MissingMembers<T>(ITeleportable<T> model, TeleportObjective objective)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        string? missing = objective switch
        {
            TeleportObjective.GradientNorm => null,
            TeleportObjective.Curvature => model is IOrbitDerivatives<T> ? null : "derived orbit derivatives (γ′, γ″, γ‴ of their orbit curves)",
            TeleportObjective.Sharpness => model is ILieAlgebraAdjoint<T> ? null : "derived adjoint of their action",
            _ => model is ILieAlgebraAdjoint<T> && model is IThirdOrderModel<T> ? null : "derived adjoint of their action or third-order term",
        };
        if (missing is null)
        {
            return null;
        }

        string name = objective switch
        {
            TeleportObjective.Curvature => "the curvature objective ψ",
            TeleportObjective.Sharpness => "the sharpness objective φ",
            TeleportObjective.HessianTrace => "the Hessian-trace objective tr H",
            _ => "the top-eigenvalue objective λmax",
        };
        return $"{model.Info.Name}'s {Kind(model.Info)}symmetries have no {missing} for {name} (the generator derives these only for dense, non-recurrent networks)";
    }

    /// <summary>"convolutional ", "recurrent " or "" (dense layers).</summary>
    private static string Kind(NetworkInfo info)
    {
        foreach (LayerInfo layer in info.Layers)
        {
            if (layer.Kind is LayerKind.Conv2d or LayerKind.MaxPool2d or LayerKind.AvgPool2d)
            {
                return "convolutional ";
            }

            if (layer.Kind == LayerKind.Lstm)
            {
                return "recurrent ";
            }
        }

        return "";
    }

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
