using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.Kernels;

/// <summary>
/// Copies, finiteness checks and widenings to double of a whole parameter vector (a wide network's 670 000 values,
/// 2.7 MB, past the L2 cache), shared with the GEMM worker when long (<see cref="RangeSplit"/>): the teleport's
/// snapshot and restore, its check that a trial point is finite, and its float64 guard's copy of the parameters.
/// </summary>
/// <remarks>Each value is copied, tested or widened exactly as on one thread: the results do not depend on the thread count.</remarks>
internal static unsafe class LongVectors
{
    /// <summary>
    /// <paramref name="source"/> into the start of <paramref name="destination"/> (which must not overlap it); in the ranges of
    /// <paramref name="plan"/> when it covers the source (each thread its rows of every tensor).
    /// </summary>
    public static void Copy<T>(ReadOnlySpan<T> source, Span<T> destination, RowHalves? plan = null)
        where T : unmanaged
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"destination holds {destination.Length} values; source has {source.Length}.", nameof(destination));
        if (source.Length < GemmParallel.MinimumElements || source.Overlaps(destination))
        {
            source.CopyTo(destination);
            return;
        }
        fixed (T* from = source, to = destination)
        {
            Run(new CopyPass<T>(from, to), source.Length, plan);
        }
    }

    /// <summary>Whether every value is finite (no NaN or infinity); true for an empty span. <paramref name="plan"/> as for <see cref="Copy"/>.</summary>
    public static bool AllFinite<T>(ReadOnlySpan<T> values, RowHalves? plan = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // An empty span (no bias) is all finite; TensorPrimitives.IsFiniteAll says false for it (measured).
        if (values.Length < GemmParallel.MinimumElements)
            return values.IsEmpty || Finite(values);
        int finite = 1;
        fixed (T* start = values)
        {
            Run(new FinitePass<T>(start, &finite), values.Length, plan);
        }
        return finite != 0;
    }

    /// <summary>
    /// <paramref name="source"/> widened to double (exact: every float is a double) into <paramref name="destination"/>;
    /// <paramref name="plan"/> as for <see cref="Copy"/>.
    /// </summary>
    public static void Widen(ReadOnlySpan<float> source, Span<double> destination, RowHalves? plan = null)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"destination holds {destination.Length} values; source has {source.Length}.", nameof(destination));
        if (source.Length < GemmParallel.MinimumElements)
        {
            TensorPrimitives.ConvertTruncating<float, double>(source, destination);
            return;
        }
        fixed (float* from = source)
        fixed (double* to = destination)
        {
            Run(new WidenPass(from, to), source.Length, plan);
        }
    }

    private static void Run<TPass>(TPass pass, long length, RowHalves? plan) where TPass : struct, IRangePass
    {
        if (plan is not null && plan.Count == length) RangeSplit.Run(pass, plan);
        else RangeSplit.Run(pass, length, length);
    }

    private readonly struct CopyPass<T>(T* from, T* to) : IRangePass where T : unmanaged
    {
        public void Run(long start, long end) =>
            new ReadOnlySpan<T>(from + start, (int)(end - start)).CopyTo(new Span<T>(to + start, (int)(end - start)));
    }

    /// <summary>
    /// Whether a non-empty span is all finite: for float, every magnitude below ∞ compared as bits (a mask and a maximum per
    /// register; <c>TensorPrimitives.IsFiniteAll</c> was 2.3 % of the wide teleport in perf).
    /// </summary>
    private static bool Finite<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? Reductions.AllBelowInMagnitude(values, T.PositiveInfinity) : TensorPrimitives.IsFiniteAll(values);

    private readonly struct FinitePass<T>(T* values, int* finite) : IRangePass where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(long start, long end)
        {
            if (end > start && !Finite(new ReadOnlySpan<T>(values + start, (int)(end - start)))) *finite = 0;
        }
    }

    private readonly struct WidenPass(float* from, double* to) : IRangePass
    {
        public void Run(long start, long end) =>
            TensorPrimitives.ConvertTruncating<float, double>(new ReadOnlySpan<float>(from + start, (int)(end - start)), new Span<double>(to + start, (int)(end - start)));
    }
}
