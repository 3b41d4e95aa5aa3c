using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Teleport.Testing;

/// <summary>Where a span's first element sits relative to 64-byte cache lines (for the tests of aligned storage).</summary>
internal static unsafe class CacheLines
{
    /// <summary>The first element's byte offset within its cache line: 0 when it starts on a boundary.</summary>
    public static long OffsetOf<T>(ReadOnlySpan<T> span) where T : unmanaged =>
        (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)) % 64;
}
