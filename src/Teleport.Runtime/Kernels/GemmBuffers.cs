using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Teleport.Kernels;

/// <summary>
/// Per-thread packing buffers: pinned arrays grown to the largest size seen and then reused, so a
/// matrix product allocates only on its first call at a new largest size. Returned pointers are
/// 64-byte aligned (one cache line, one 512-bit vector).
/// </summary>
internal static unsafe class GemmBuffers<T> where T : unmanaged
{
    private const int Alignment = 64;

    [ThreadStatic] private static T[]? t_a;
    [ThreadStatic] private static T[]? t_b;
    [ThreadStatic] private static T[]? t_packedA;

    /// <summary>A buffer of at least <paramref name="length"/> elements for packed panels of A.</summary>
    internal static T* A(nint length) => Get(ref t_a, length);

    /// <summary>A buffer of at least <paramref name="length"/> elements for packed panels of B.</summary>
    internal static T* B(nint length) => Get(ref t_b, length);

    /// <summary>A buffer for all of A packed, read by both threads of a split product.</summary>
    internal static T* PackedA(nint length) => Get(ref t_packedA, length);

    private static T* Get(ref T[]? buffer, nint length)
    {
        nint needed = length + Alignment / sizeof(T);
        if (buffer is null || buffer.Length < needed)
        {
            // Grow geometrically so a slowly growing size settles after a few calls.
            nint size = Math.Max(needed, buffer is null ? 0 : (nint)buffer.Length * 3 / 2);
            buffer = GC.AllocateUninitializedArray<T>(checked((int)size), pinned: true);
        }
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (T*)((address + Alignment - 1) & ~(nuint)(Alignment - 1));
    }
}
