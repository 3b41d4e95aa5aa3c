using System;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>Forces a vector width (and optionally a matrix-product path and tile height) on the calling thread for the scope's lifetime.</summary>
internal sealed class KernelScope : IDisposable
{
    private readonly SimdWidth _width;
    private readonly GemmPath _path;
    private readonly int _tileRows;

    public KernelScope(SimdWidth width, GemmPath path = GemmPath.Auto, int tileRows = 0)
    {
        _width = SimdSupport.Forced;
        _path = GemmPathOverride.Forced;
        _tileRows = GemmPathOverride.ForcedTileRows;
        SimdSupport.Forced = width;
        GemmPathOverride.Forced = path;
        GemmPathOverride.ForcedTileRows = tileRows;
    }

    public void Dispose()
    {
        SimdSupport.Forced = _width;
        GemmPathOverride.Forced = _path;
        GemmPathOverride.ForcedTileRows = _tileRows;
    }

    /// <summary>Tile heights worth testing on any machine: AVX2's 6, AVX-512's 12, and odd ones (any height is valid).</summary>
    public static readonly int[] TileHeights = [1, 5, 6, 7, 12];

    /// <summary>Every width a kernel can run at (wider than the hardware runs emulated, slower but exact).</summary>
    public static readonly SimdWidth[] AllWidths = [SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512];
}
