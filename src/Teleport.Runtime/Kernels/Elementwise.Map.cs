using System;

namespace Teleport.Kernels;

/// <summary>
/// Elementwise kernels: <c>Map</c> runs an operator struct (<see cref="IUnaryOperator{T}"/> …
/// <see cref="IQuaternaryOperator{T}"/>) over spans, the generator's way to apply every derived
/// formula (σ, σ′, σ″, fused backward and tangent expressions); plus everyday helpers.
/// </summary>
/// <remarks>
/// <c>Map</c> processes <c>x.Length</c> elements; every input must have that length and the
/// destination at least that length (elements past it are untouched). The destination may be the
/// same memory as any input (in place); a partial overlap (shifted by some elements) throws.
/// Dispatch is 512 → 256 → 128 bits → scalar, chosen from the hardware once.
/// </remarks>
public static unsafe partial class Elementwise
{
    /// <summary>destination[i] = TOp(x[i]).</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged where TOp : IUnaryOperator<T>
        => Map<T, TOp>(x, destination, OneRow(x.Length));

    /// <summary>destination[i] = TOp(x[i], y[i]).</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged where TOp : IBinaryOperator<T>
        => Map<T, TOp>(x, y, destination, OneRow(x.Length));

    /// <summary>destination[i] = TOp(x[i], y[i], z[i]).</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged where TOp : ITernaryOperator<T>
        => Map<T, TOp>(x, y, z, destination, OneRow(x.Length));

    /// <summary>destination[i] = TOp(x[i], y[i], z[i], w[i]).</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, ReadOnlySpan<T> w, Span<T> destination)
        where T : unmanaged where TOp : IQuaternaryOperator<T>
        => Map<T, TOp>(x, y, z, w, destination, OneRow(x.Length));

    /// <summary>
    /// <see cref="Map{T, TOp}(ReadOnlySpan{T}, Span{T})"/> over a row-major matrix of <paramref name="columns"/>
    /// columns (x.Length a multiple of it): the same values; on two threads the cores share it by blocks of columns,
    /// as the products that write and read it (see <see cref="ColumnBlocks"/>).
    /// </summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, Span<T> destination, int columns)
        where T : unmanaged where TOp : IUnaryOperator<T>
    {
        ValidateDestination(x, destination, nameof(x));
        int rows = RowsOf(x.Length, columns);
        fixed (T* px = x)
        fixed (T* pd = destination)
        {
            MapDriver.RunMatrix(new UnaryBody<T, TOp>(px), pd, rows, columns);
        }
    }

    /// <summary><see cref="Map{T, TOp}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> over a matrix of <paramref name="columns"/> columns (see the unary overload).</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination, int columns)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        ValidateInput(x, y, nameof(y));
        ValidateDestination(x, destination, nameof(x));
        ValidateDestination(y, destination, nameof(y));
        int rows = RowsOf(x.Length, columns);
        fixed (T* px = x)
        fixed (T* py = y)
        fixed (T* pd = destination)
        {
            MapDriver.RunMatrix(new BinaryBody<T, TOp>(px, py), pd, rows, columns);
        }
    }

    /// <summary><see cref="Map{T, TOp}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> over a matrix of <paramref name="columns"/> columns (see the unary overload).</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged where TOp : ITernaryOperator<T>
    {
        ValidateInput(x, y, nameof(y));
        ValidateInput(x, z, nameof(z));
        ValidateDestination(x, destination, nameof(x));
        ValidateDestination(y, destination, nameof(y));
        ValidateDestination(z, destination, nameof(z));
        int rows = RowsOf(x.Length, columns);
        fixed (T* px = x)
        fixed (T* py = y)
        fixed (T* pz = z)
        fixed (T* pd = destination)
        {
            MapDriver.RunMatrix(new TernaryBody<T, TOp>(px, py, pz), pd, rows, columns);
        }
    }

    /// <summary><see cref="Map{T, TOp}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> over a matrix of <paramref name="columns"/> columns (see the unary overload).</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, ReadOnlySpan<T> w, Span<T> destination, int columns)
        where T : unmanaged where TOp : IQuaternaryOperator<T>
    {
        ValidateInput(x, y, nameof(y));
        ValidateInput(x, z, nameof(z));
        ValidateInput(x, w, nameof(w));
        ValidateDestination(x, destination, nameof(x));
        ValidateDestination(y, destination, nameof(y));
        ValidateDestination(z, destination, nameof(z));
        ValidateDestination(w, destination, nameof(w));
        int rows = RowsOf(x.Length, columns);
        fixed (T* px = x)
        fixed (T* py = y)
        fixed (T* pz = z)
        fixed (T* pw = w)
        fixed (T* pd = destination)
        {
            MapDriver.RunMatrix(new QuaternaryBody<T, TOp>(px, py, pz, pw), pd, rows, columns);
        }
    }

    // A flat map is a matrix of one row (of at least one column, so that an empty map is valid).
    private static int OneRow(int length) => Math.Max(length, 1);

    private static int RowsOf(int length, int columns)
    {
        if (columns <= 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "A matrix needs at least one column.");
        if (length % columns != 0)
            throw new ArgumentException($"The inputs have {length} elements, not a whole number of rows of {columns} columns.", nameof(columns));
        return length / columns;
    }

    private static void ValidateInput<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> other, string name)
    {
        if (other.Length != x.Length)
            throw new ArgumentException($"Input '{name}' has {other.Length} elements but x has {x.Length}: elementwise inputs must have equal lengths.", name);
    }

    private static void ValidateDestination<T>(ReadOnlySpan<T> input, Span<T> destination, string name)
    {
        if (destination.Length < input.Length)
            throw new ArgumentException($"The destination has {destination.Length} elements but {input.Length} are needed.", nameof(destination));
        if (((ReadOnlySpan<T>)destination[..input.Length]).Overlaps(input, out int offset) && offset != 0)
            throw new ArgumentException($"The destination partially overlaps input '{name}' (shifted by {offset} elements); only exact in-place use is supported.", nameof(destination));
    }
}
