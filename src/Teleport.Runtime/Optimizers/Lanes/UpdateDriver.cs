using System.Numerics;
using System.Runtime.Intrinsics;

namespace Teleport.Optimizers.Lanes;

/// <summary>Runs an <see cref="IUpdateKernel{T}"/> over a span: 512 → 256 → 128-bit registers, then scalars.</summary>
internal static class UpdateDriver
{
    /// <param name="kernel">The update.</param>
    /// <param name="length">Elements to update.</param>
    /// <param name="widths">
    /// The register widths to use (normally <see cref="HardwareLaneWidths.Accelerated"/>; tests force
    /// others, which then run in software and must give identical results).
    /// </param>
    public static void Run<T, TKernel>(ref TKernel kernel, int length, LaneWidths widths)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IUpdateKernel<T>, allows ref struct
    {
        nuint n = (nuint)length;
        nuint i = 0;
        if ((widths & LaneWidths.Bits512) != 0)
        {
            i = kernel.Run<Vector512<T>, Vector512Lanes<T>>(i, n);
        }

        if ((widths & LaneWidths.Bits256) != 0)
        {
            i = kernel.Run<Vector256<T>, Vector256Lanes<T>>(i, n);
        }

        if ((widths & LaneWidths.Bits128) != 0)
        {
            i = kernel.Run<Vector128<T>, Vector128Lanes<T>>(i, n);
        }

        kernel.Run<T, ScalarLanes<T>>(i, n);
    }
}
