using System;

namespace Teleport.Kernels;

/// <summary>How a matrix product is computed; all paths give the same math (see <see cref="GemmDriver"/>).</summary>
internal enum GemmPath
{
    /// <summary>Chosen from the shape (the default).</summary>
    Auto = 0,
    /// <summary>Micro-kernel reading A in place; B in place when row-major, else packed per panel.</summary>
    Direct,
    /// <summary>Blocked (NC, KC, MC) with A and B packed into panels: large products.</summary>
    Packed,
    /// <summary>Inner products over contiguous rows of A and Bᵀ: NT with a small output and long k.</summary>
    Dot,
}

/// <summary>Lets tests force a path or a tile height on their own thread.</summary>
internal static class GemmPathOverride
{
    [ThreadStatic] private static GemmPath t_forced;
    [ThreadStatic] private static int t_forcedTileRows;

    internal static GemmPath Forced
    {
        get => KernelOverrides.Used ? t_forced : GemmPath.Auto;
        set
        {
            if (value != GemmPath.Auto) KernelOverrides.MarkUsed();
            t_forced = value;
        }
    }

    /// <summary>The micro-kernel's tile height (<see cref="GemmMicroKernel.Rows"/>): 0 for the hardware's choice, else 1 … 12.</summary>
    internal static int ForcedTileRows
    {
        get => KernelOverrides.Used ? t_forcedTileRows : 0;
        set
        {
            if (value is < 0 or > GemmMicroKernel.MaxRows) throw new ArgumentOutOfRangeException(nameof(value), value, "A tile has 1 to 12 rows (0: the hardware's choice).");
            if (value != 0) KernelOverrides.MarkUsed();
            t_forcedTileRows = value;
        }
    }
}
