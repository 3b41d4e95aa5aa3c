using System;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>Forces a vector width (and optionally a matrix-product path) on the calling thread for the scope's lifetime.</summary>
internal sealed class KernelScope : IDisposable
{
    private readonly SimdWidth _width;
    private readonly GemmPath _path;

    public KernelScope(SimdWidth width, GemmPath path = GemmPath.Auto)
    {
        _width = SimdSupport.Forced;
        _path = GemmPathOverride.Forced;
        SimdSupport.Forced = width;
        GemmPathOverride.Forced = path;
    }

    public void Dispose()
    {
        SimdSupport.Forced = _width;
        GemmPathOverride.Forced = _path;
    }

    /// <summary>Every width a kernel can run at (wider than the hardware runs emulated, slower but exact).</summary>
    public static readonly SimdWidth[] AllWidths = [SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512];
}
