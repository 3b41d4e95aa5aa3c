using System;

namespace Teleport.Teleportation;

/// <summary>
/// Per-thread scratch memory for <see cref="SymmetryKernels"/>: one array of <typeparamref name="T"/>
/// and one of pivots per thread, grown to the largest size asked for and then reused, so the kernels
/// allocate nothing after the first call at a given shape.
/// </summary>
/// <remarks>
/// Each public kernel rents once, carves its buffers from the rented span with
/// <see cref="WorkspaceCarver{T}"/>, and calls no other renting kernel while it holds them. The
/// contents of a rented span are unspecified: every buffer is written before it is read.
/// </remarks>
internal static class KernelWorkspace<T>
    where T : unmanaged
{
    [ThreadStatic]
    private static T[]? values;

    [ThreadStatic]
    private static int[]? pivots;

    /// <summary>A span of <paramref name="length"/> values, valid until the next rent on this thread.</summary>
    /// <remarks>
    /// Kernels compute <paramref name="length"/> from the layer's sizes in long: a workspace no array can hold is then
    /// refused here, at the kernel's entry, naming the layer argument (<paramref name="name"/>), rather than wrapping.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">More values than an array holds.</exception>
    public static Span<T> Rent(long length, string name = "layer")
    {
        if ((ulong)length > (ulong)Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(name, length,
                $"The layer's sizes need a workspace of {length} values, more than an array holds ({Array.MaxLength}): use a smaller batch or layer.");
        }

        T[]? buffer = values;
        if (buffer is null || buffer.Length < length)
        {
            values = buffer = new T[length];
        }

        return buffer.AsSpan(0, (int)length);
    }

    /// <summary>A span of <paramref name="length"/> pivot indices, valid until the next rent on this thread.</summary>
    public static Span<int> RentPivots(int length)
    {
        int[]? buffer = pivots;
        if (buffer is null || buffer.Length < length)
        {
            pivots = buffer = new int[length];
        }

        return buffer.AsSpan(0, length);
    }
}

/// <summary>Hands out consecutive, non-overlapping slices of a rented workspace.</summary>
internal ref struct WorkspaceCarver<T>
{
    private Span<T> rest;

    public WorkspaceCarver(Span<T> workspace) => rest = workspace;

    /// <summary>The next <paramref name="length"/> values.</summary>
    public Span<T> Take(int length)
    {
        Span<T> slice = rest[..length];
        rest = rest[length..];
        return slice;
    }

    /// <summary>Everything not handed out yet.</summary>
    public Span<T> Rest() => rest;
}
