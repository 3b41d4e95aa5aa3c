using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Teleport.Kernels;

/// <summary>The widest vector a kernel may use.</summary>
internal enum SimdWidth
{
    /// <summary>Use what the hardware accelerates (the default).</summary>
    Auto = 0,
    Scalar = 1,
    Vector128 = 128,
    Vector256 = 256,
    Vector512 = 512,
}

/// <summary>
/// The vector width every kernel dispatches on, chosen once from the hardware; tests may force a
/// narrower (or emulated wider) one on their own thread to exercise every code path on any machine.
/// </summary>
internal static class SimdSupport
{
    /// <summary>The widest accelerated width: 512 → 256 → 128 → scalar.</summary>
    internal static readonly SimdWidth Hardware =
        Vector512.IsHardwareAccelerated ? SimdWidth.Vector512
        : Vector256.IsHardwareAccelerated ? SimdWidth.Vector256
        : Vector128.IsHardwareAccelerated ? SimdWidth.Vector128
        : SimdWidth.Scalar;

    /// <summary>
    /// Whether a fused multiply-add is an instruction here. When it is, every kernel (every width
    /// and the scalar path) fuses; when not, every kernel multiplies then adds. An expression, not a
    /// static readonly field: IsSupported is a constant to the JIT and to NativeAOT alike, whereas
    /// NativeAOT reloads a readonly field in the inner loops (measured 2× slower per image).
    /// </summary>
    internal static bool HasFusedMultiplyAdd => Fma.IsSupported || AdvSimd.IsSupported;

    // Per-thread so a test forcing a path never changes what other threads run.
    [ThreadStatic] private static SimdWidth t_forced;

    /// <summary>Forces a width on the calling thread (tests); <see cref="SimdWidth.Auto"/> restores the hardware choice.</summary>
    internal static SimdWidth Forced
    {
        get => t_forced;
        set
        {
            if (value != SimdWidth.Auto) KernelOverrides.MarkUsed();
            t_forced = value;
        }
    }

    /// <summary>The width to use for a call made on this thread.</summary>
    internal static SimdWidth Current
    {
        get
        {
            if (!KernelOverrides.Used) return Hardware;
            var forced = t_forced;
            return forced == SimdWidth.Auto ? Hardware : forced;
        }
    }
}
