using System.Threading;

namespace Teleport.Kernels;

/// <summary>
/// Whether any thread has ever set one of the kernels' per-thread test overrides (<see cref="SimdSupport.Forced"/>,
/// <see cref="GemmPathOverride"/>, <see cref="SoftmaxCrossEntropy.PerRowOnly"/>). Until then a kernel call needs no
/// thread-local read: each is a call into the runtime's TLS lookup, measured at 1 % of a paper-protocol run, where
/// every row of every batch asks for its SIMD width.
/// </summary>
internal static class KernelOverrides
{
    private static bool s_used;

    /// <summary>True once any override has been set to something other than its default.</summary>
    internal static bool Used => s_used;

    /// <summary>Called by an override's setter when it leaves its default.</summary>
    internal static void MarkUsed() => Volatile.Write(ref s_used, true);
}
