using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Teleport.Kernels;

namespace Teleport.Optimizers.Lanes;

// An update that also sums the squares of the gradient it reads: the trainer's ‖∇L‖², for the record and the divergence rule.
internal static unsafe partial class UpdateDriver
{
    /// <summary>
    /// Whether <see cref="RunSummingSquares{T, TKernel}"/> sums in the update's own pass for <paramref name="length"/>
    /// elements on this thread: a vector shorter than <see cref="DeterministicReduction.RangedLength"/> (never split) with
    /// 256- or 512-bit registers. Otherwise it sums in a pass of its own first.
    /// </summary>
    public static bool SumsSquaresInPass(int length) =>
        length < DeterministicReduction.RangedLength && SimdSupport.Current >= SimdWidth.Vector256;

    /// <summary>
    /// Runs the update and returns Σ g² over <paramref name="gradient"/> as given (before weight decay or maximize) in
    /// double: <see cref="DeterministicReduction"/>'s partial sums and tree, so the same bits as
    /// <see cref="Reductions.SumOfSquaresAsDouble{T}"/> (<see cref="Reductions.SumOfSquares{T}"/> before its rounding to T). Where <see cref="SumsSquaresInPass"/>, each
    /// block of 32 elements is updated and then its gradient, just read and still in L1, squared and added.
    /// </summary>
    /// <remarks>
    /// Why one pass: an adaptive update (AdaGrad, Adam, RMSProp) waits on its divisions and square roots, and the
    /// float → double widening and the additions of the sum run beside them. Measured on the paper network's gradient
    /// (12 800 floats, AVX2 Zen 2, hot loop): AdaGrad's update 4.5–4.8 µs, Σ g² alone 2.0–2.1 µs, the two in one pass
    /// 5.1–5.4 µs. SGD's update does little else, so it gains nothing. Why blocks of 32: a block's update and its squares
    /// then fit in the core's out-of-order window together and overlap; updating 128 values per call (the kernel's set-up
    /// paid a quarter as often) made the pass slower, AdaGrad 5.0–5.2 → 5.9–6.1 µs and Adam 7.1–7.5 → 8.6–8.8 µs.
    /// </remarks>
    public static double RunSummingSquares<T, TKernel>(ref TKernel kernel, int length, ReadOnlySpan<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IUpdateKernel<T>, allows ref struct
    {
        if (!SumsSquaresInPass(length))
        {
            double squares = Reductions.Reduce<T, SquareTerm>(gradient, gradient);
            RunAlone(ref kernel, length, gradient);
            return squares;
        }
        fixed (T* g = gradient)
        {
            // The kernel is a local of the optimizer's Update (a ref struct, on the stack): its address is stable.
            var work = new UpdateWork<T, TKernel>(Unsafe.AsPointer(ref kernel));
            return DeterministicReduction.Partials<T, SquareTerm, UpdateWork<T, TKernel>>(g, g, length, ref work);
        }
    }

    /// <summary>The update as the work of a reduction over its gradient.</summary>
    private readonly struct UpdateWork<T, TKernel>(void* kernel) : IReductionWork
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : IUpdateKernel<T>, allows ref struct
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Block(nint start, SimdWidth width)
        {
            ref TKernel update = ref Unsafe.AsRef<TKernel>(kernel);
            nuint end = (nuint)(start + DeterministicReduction.Lanes);
            if (width == SimdWidth.Vector512) update.Run<Vector512<T>, Vector512Lanes<T>>((nuint)start, end);
            else update.Run<Vector256<T>, Vector256Lanes<T>>((nuint)start, end);
        }

        public void Rest(nint start, nint end) =>
            RunRange<T, TKernel>(ref Unsafe.AsRef<TKernel>(kernel), (nuint)start, (nuint)end, SimdSupport.Current);
    }
}
