namespace Teleport.Kernels;

/// <summary>A tile's row count as a type, so the JIT specialises a kernel for it.</summary>
internal interface IRowCount
{
    static abstract int Count { get; }
}

internal readonly struct Rows1 : IRowCount { public static int Count => 1; }
internal readonly struct Rows2 : IRowCount { public static int Count => 2; }
internal readonly struct Rows3 : IRowCount { public static int Count => 3; }
internal readonly struct Rows4 : IRowCount { public static int Count => 4; }
internal readonly struct Rows5 : IRowCount { public static int Count => 5; }
internal readonly struct Rows6 : IRowCount { public static int Count => 6; }
internal readonly struct Rows7 : IRowCount { public static int Count => 7; }
internal readonly struct Rows8 : IRowCount { public static int Count => 8; }
internal readonly struct Rows9 : IRowCount { public static int Count => 9; }
internal readonly struct Rows10 : IRowCount { public static int Count => 10; }
internal readonly struct Rows11 : IRowCount { public static int Count => 11; }
internal readonly struct Rows12 : IRowCount { public static int Count => 12; }

/// <summary>How the register tile addresses A: a packed panel, or in place by strides.</summary>
internal interface IPanelLayout
{
    /// <summary>The rows of one step are adjacent (<c>aRow = 1</c>): offsets are immediates.</summary>
    static abstract bool UnitRowStride { get; }
}

/// <summary>A packed panel: row r of step p at <c>p·MR + r</c> (the caller passes aCol = MR).</summary>
internal readonly struct PackedPanel : IPanelLayout
{
    public static bool UnitRowStride => true;
}

/// <summary>A in place with adjacent rows (Aᵀ stored row-major, the TN case): row r of step p at <c>r + p·aCol</c>.</summary>
internal readonly struct ColumnPanel : IPanelLayout
{
    public static bool UnitRowStride => true;
}

/// <summary>A in place: row r of step p at <c>r·aRow + p·aCol</c>.</summary>
internal readonly struct StridedPanel : IPanelLayout
{
    public static bool UnitRowStride => false;
}
