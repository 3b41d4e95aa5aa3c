using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Teleport.Kernels;

namespace Teleport.Optimizers.Lanes;

/// <summary>
/// Runs an <see cref="IUpdateKernel{T}"/> over a span: 512 → 256 → 128-bit registers, then scalars,
/// from the widest width <see cref="SimdSupport.Current"/> allows — the one vector-width choice every
/// kernel makes (a test forces a width on its thread; a width wider than the hardware runs in
/// software and gives identical results, since elements are independent). A large update (a wide
/// network's, ≥ <see cref="GemmParallel.MinimumElements"/> parameters) is shared with the second
/// thread when <see cref="MatrixMultiply.MaxThreads"/> is 2, in chunks each thread claims as it gets
/// to them: each element is updated by exactly the arithmetic of a one-thread run, so the result
/// does not depend on the thread count.
/// </summary>
internal static unsafe partial class UpdateDriver
{
    /// <param name="kernel">The update.</param>
    /// <param name="length">Elements to update.</param>
    /// <param name="gradient">The gradient the update reads: a split update gives the worker the elements whose gradient it wrote (<see cref="WorkerWrites"/>).</param>
    /// <param name="sumSquares">Whether to return Σ g² over <paramref name="gradient"/> as well (<see cref="RunSummingSquares{T, TKernel}"/>).</param>
    /// <returns>Σ g² in double when <paramref name="sumSquares"/>, else 0.</returns>
    public static double Run<T, TKernel>(ref TKernel kernel, int length, ReadOnlySpan<T> gradient, bool sumSquares)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IUpdateKernel<T>, allows ref struct
    {
        if (sumSquares) return RunSummingSquares(ref kernel, length, gradient);
        RunAlone(ref kernel, length, gradient);
        return 0;
    }

    /// <summary>The update alone: split with the worker when long, else on this thread.</summary>
    private static void RunAlone<T, TKernel>(ref TKernel kernel, int length, ReadOnlySpan<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IUpdateKernel<T>, allows ref struct
    {
        if (GemmParallel.ShouldSplitElements(length) && GemmParallel.TryAcquire())
        {
            // The worker reaches the kernel through its address: a local of the optimizer's Step,
            // address-exposed and so reported to the GC for the whole call, which lasts until every
            // chunk is done (the state arrays it refers to are large, in the large-object heap).
            fixed (T* g = gradient)
            {
                UpdateJob<T, TKernel>.Run(Unsafe.AsPointer(ref kernel), g, length, SimdSupport.Current);
            }
            return;
        }
        RunRange<T, TKernel>(ref kernel, 0, (nuint)length, SimdSupport.Current);
    }

    /// <summary>Elements [<paramref name="start"/>, <paramref name="end"/>), widest registers first.</summary>
    internal static void RunRange<T, TKernel>(ref TKernel kernel, nuint start, nuint end, SimdWidth width)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IUpdateKernel<T>, allows ref struct
    {
        nuint i = start;
        if (width >= SimdWidth.Vector512)
        {
            i = kernel.Run<Vector512<T>, Vector512Lanes<T>>(i, end);
        }

        if (width >= SimdWidth.Vector256)
        {
            i = kernel.Run<Vector256<T>, Vector256Lanes<T>>(i, end);
        }

        if (width >= SimdWidth.Vector128)
        {
            i = kernel.Run<Vector128<T>, Vector128Lanes<T>>(i, end);
        }

        kernel.Run<T, ScalarLanes<T>>(i, end);
    }
}

/// <summary>The update being split (static fields: nothing allocated), and its range runner.</summary>
internal static unsafe class UpdateJob<T, TKernel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : IUpdateKernel<T>, allows ref struct
{
    private static void* s_kernel;
    private static SimdWidth s_width;

    /// <summary>Runs the update at <paramref name="kernel"/> over <paramref name="length"/> elements on this thread and the worker.</summary>
    internal static void Run(void* kernel, T* gradient, long length, SimdWidth width)
    {
        s_width = width;
        s_kernel = kernel;
        GemmParallel.RunElementsByWriter(&RunRange, gradient, length, sizeof(T));
    }

    // The caller's SIMD width, not the worker's own setting: a test that forces a width on its
    // thread gets that width in every chunk.
    private static void RunRange(long from, long to) =>
        UpdateDriver.RunRange<T, TKernel>(ref Unsafe.AsRef<TKernel>(s_kernel), (nuint)from, (nuint)to, s_width);
}
