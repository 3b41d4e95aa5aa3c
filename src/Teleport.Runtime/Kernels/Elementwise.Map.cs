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
    {
        ValidateDestination(x, destination, nameof(x));
        fixed (T* px = x)
        fixed (T* pd = destination)
        {
            MapDriver.Run(new UnaryBody<T, TOp>(px), pd, x.Length);
        }
    }

    /// <summary>destination[i] = TOp(x[i], y[i]).</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        ValidateInput(x, y, nameof(y));
        ValidateDestination(x, destination, nameof(x));
        ValidateDestination(y, destination, nameof(y));
        fixed (T* px = x)
        fixed (T* py = y)
        fixed (T* pd = destination)
        {
            MapDriver.Run(new BinaryBody<T, TOp>(px, py), pd, x.Length);
        }
    }

    /// <summary>destination[i] = TOp(x[i], y[i], z[i]).</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, Span<T> destination)
        where T : unmanaged where TOp : ITernaryOperator<T>
    {
        ValidateInput(x, y, nameof(y));
        ValidateInput(x, z, nameof(z));
        ValidateDestination(x, destination, nameof(x));
        ValidateDestination(y, destination, nameof(y));
        ValidateDestination(z, destination, nameof(z));
        fixed (T* px = x)
        fixed (T* py = y)
        fixed (T* pz = z)
        fixed (T* pd = destination)
        {
            MapDriver.Run(new TernaryBody<T, TOp>(px, py, pz), pd, x.Length);
        }
    }

    /// <summary>destination[i] = TOp(x[i], y[i], z[i], w[i]).</summary>
    public static void Map<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, ReadOnlySpan<T> w, Span<T> destination)
        where T : unmanaged where TOp : IQuaternaryOperator<T>
    {
        ValidateInput(x, y, nameof(y));
        ValidateInput(x, z, nameof(z));
        ValidateInput(x, w, nameof(w));
        ValidateDestination(x, destination, nameof(x));
        ValidateDestination(y, destination, nameof(y));
        ValidateDestination(z, destination, nameof(z));
        ValidateDestination(w, destination, nameof(w));
        fixed (T* px = x)
        fixed (T* py = y)
        fixed (T* pz = z)
        fixed (T* pw = w)
        fixed (T* pd = destination)
        {
            MapDriver.Run(new QuaternaryBody<T, TOp>(px, py, pz, pw), pd, x.Length);
        }
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
