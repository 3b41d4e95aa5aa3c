using System.Numerics;
using System.Runtime.Intrinsics;
using Teleport.Kernels;

namespace Teleport.Optimizers.Lanes;

/// <summary>
/// Runs an <see cref="IUpdateKernel{T}"/> over a span: 512 → 256 → 128-bit registers, then scalars,
/// from the widest width <see cref="SimdSupport.Current"/> allows — the one vector-width choice every
/// kernel makes (a test forces a width on its thread; a width wider than the hardware runs in
/// software and gives identical results, since elements are independent).
/// </summary>
internal static class UpdateDriver
{
    /// <param name="kernel">The update.</param>
    /// <param name="length">Elements to update.</param>
    public static void Run<T, TKernel>(ref TKernel kernel, int length)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IUpdateKernel<T>, allows ref struct
    {
        nuint n = (nuint)length;
        nuint i = 0;
        SimdWidth width = SimdSupport.Current;
        if (width >= SimdWidth.Vector512)
        {
            i = kernel.Run<Vector512<T>, Vector512Lanes<T>>(i, n);
        }

        if (width >= SimdWidth.Vector256)
        {
            i = kernel.Run<Vector256<T>, Vector256Lanes<T>>(i, n);
        }

        if (width >= SimdWidth.Vector128)
        {
            i = kernel.Run<Vector128<T>, Vector128Lanes<T>>(i, n);
        }

        kernel.Run<T, ScalarLanes<T>>(i, n);
    }
}
