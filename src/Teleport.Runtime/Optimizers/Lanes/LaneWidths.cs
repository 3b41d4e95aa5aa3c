using System;
using System.Runtime.Intrinsics;

namespace Teleport.Optimizers.Lanes;

/// <summary>Register widths the <see cref="UpdateDriver"/> may use, widest first, before the scalar tail.</summary>
[Flags]
internal enum LaneWidths
{
    /// <summary>Scalars only.</summary>
    None = 0,
    Bits128 = 1,
    Bits256 = 2,
    Bits512 = 4,
}

/// <summary>The widths this machine accelerates (the default for every optimizer).</summary>
internal static class HardwareLaneWidths
{
    public static readonly LaneWidths Accelerated =
        (Vector128.IsHardwareAccelerated ? LaneWidths.Bits128 : LaneWidths.None)
        | (Vector256.IsHardwareAccelerated ? LaneWidths.Bits256 : LaneWidths.None)
        | (Vector512.IsHardwareAccelerated ? LaneWidths.Bits512 : LaneWidths.None);
}
