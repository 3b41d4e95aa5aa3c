using System.Numerics;
using System.Runtime.Intrinsics;

namespace Teleport.Optimizers.Lanes;

/// <summary>Runs an <see cref="IUpdateKernel{T}"/> over a span: 512 → 256 → 128-bit registers, then scalars.</summary>
internal static class UpdateDriver
{
    public static void Run<T, TKernel>(ref TKernel kernel, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IUpdateKernel<T>, allows ref struct
    {
        nuint n = (nuint)length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = kernel.Run<Vector512<T>, Vector512Lanes<T>>(i, n);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            i = kernel.Run<Vector256<T>, Vector256Lanes<T>>(i, n);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            i = kernel.Run<Vector128<T>, Vector128Lanes<T>>(i, n);
        }

        kernel.Run<T, ScalarLanes<T>>(i, n);
    }
}
