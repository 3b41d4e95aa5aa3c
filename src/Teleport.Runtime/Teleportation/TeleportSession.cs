using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

/// <summary>
/// What a generated network caches while it is teleported on one batch X [n×d] of its input layer:
/// the input Gram K = X·Xᵀ [n×n] and the input layer's product P = X·W₀ᵀ [n×k], kept current
/// through the group actions. With them every objective evaluation avoids the d-wide products:
/// R{P} = X·(δZᵀ·X)ᵀ = K·δZ, ‖δZᵀ·X‖² = ⟨δZ, K·δZ⟩, and the adjoints need only G_V·Vᵀ = R{δZ}ᵀ·P
/// and G_V·Xᵀ = R{δZ}ᵀ·K — so an ascent step costs O(n²k) on the input layer instead of O(n·d·k).
/// </summary>
/// <remarks>
/// Worth it only when n &lt; d (the Gram is n×n); <see cref="Begin"/> declines otherwise. Between
/// <c>BeginTeleportSession</c> and <c>EndTeleportSession</c> the parameters must change only
/// through <c>ApplyGroupAction</c>; anything else must call <c>InvalidateTeleportSession</c>.
/// Allocation-free after the first session at a given batch size.
/// </remarks>
public sealed class TeleportSession<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _gram = [];
    private T[] _product = [];
    private T[] _scratch = [];
    private readonly int _inputSize;
    private readonly int _width;

    /// <param name="inputSize">d, the input layer's fan-in.</param>
    /// <param name="width">k, the input layer's width.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1 (an inputSize of 0 divided by zero in <see cref="Begin"/>).</exception>
    public TeleportSession(int inputSize, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        _inputSize = inputSize;
        _width = width;
    }

    /// <summary>True between a successful <see cref="Begin"/> and <see cref="End"/>.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Batch size n of the session.</summary>
    public int BatchSize { get; private set; }

    /// <summary>True when <see cref="Product"/> holds X·W₀ᵀ for the current parameters.</summary>
    public bool ProductValid { get; set; }

    /// <summary>K = X·Xᵀ [n×n].</summary>
    public Span<T> Gram => _gram.AsSpan(0, BatchSize * BatchSize);

    /// <summary>P = X·W₀ᵀ [n×k] (valid when <see cref="ProductValid"/>).</summary>
    public Span<T> Product => _product.AsSpan(0, BatchSize * _width);

    /// <summary>Scratch of max(n·k, k·n, k·k) values for the adjoints' products.</summary>
    public Span<T> Scratch => _scratch.AsSpan(0, BatchSize * Math.Max(BatchSize, _width) + _width * _width);

    /// <summary>Starts a session on <paramref name="inputs"/> [n×d]; false (inactive) when n ≥ d, where it would not pay.</summary>
    public bool Begin(ReadOnlySpan<T> inputs)
    {
        var n = inputs.Length / _inputSize;
        IsActive = false;
        ProductValid = false;
        if (n <= 0 || n >= _inputSize || n * _inputSize != inputs.Length) return false;
        BatchSize = n;
        Grow(ref _gram, n * n);
        Grow(ref _product, n * _width);
        Grow(ref _scratch, n * Math.Max(n, _width) + _width * _width);
        SymmetricGram(inputs, n);
        IsActive = true;
        return true;
    }

    /// <summary>
    /// K = X·Xᵀ, symmetric: the lower-triangle tiles of the product only, then mirrored (about half
    /// the full product's work), bit-identical to the full product.
    /// </summary>
    private void SymmetricGram(ReadOnlySpan<T> inputs, int n) => MatrixMultiply.Gram(inputs, Gram, n, _inputSize);

    /// <summary>True when a call with these inputs belongs to the session (same batch size).</summary>
    public bool Covers(ReadOnlySpan<T> inputs) => IsActive && inputs.Length == BatchSize * _inputSize;

    /// <summary>Ends the session; later calls compute everything from the parameters again.</summary>
    public void End()
    {
        IsActive = false;
        ProductValid = false;
    }

    /// <summary>
    /// Σ_l G_V[j,l]·V[j,l] for the input layer, G_V = 2·R{δZ}ᵀ·X: 2·Σ_s R{δZ}[s,j]·P[s,j] (k values,
    /// in the scratch) — what the diagonal group's adjoint needs.
    /// </summary>
    /// <exception cref="InvalidOperationException">No session is active (<see cref="Begin"/> returned false, or <see cref="End"/> was called).</exception>
    /// <exception cref="ArgumentException"><paramref name="tangentDelta"/> holds fewer than n·k values.</exception>
    public ReadOnlySpan<T> AdjointDiagonal(ReadOnlySpan<T> tangentDelta)
    {
        CheckTangent(tangentDelta);
        var n = BatchSize;
        var result = _scratch.AsSpan(0, _width);
        result.Clear();
        var product = Product;
        for (var s = 0; s < n; s++)
            for (var j = 0; j < _width; j++)
                result[j] += tangentDelta[s * _width + j] * product[s * _width + j];
        foreach (ref var value in result) value += value;
        return result;
    }

    /// <summary>G_V·Vᵀ for the input layer, G_V = 2·R{δZ}ᵀ·X: 2·R{δZ}ᵀ·P [k×k] (in the scratch).</summary>
    /// <exception cref="InvalidOperationException">No session is active.</exception>
    /// <exception cref="ArgumentException"><paramref name="tangentDelta"/> holds fewer than n·k values.</exception>
    public ReadOnlySpan<T> AdjointProduct(ReadOnlySpan<T> tangentDelta)
    {
        CheckTangent(tangentDelta);
        var result = _scratch.AsSpan(0, _width * _width);
        TransposeProduct(tangentDelta, Product, result, _width, BatchSize, _width);
        foreach (ref var value in result) value += value;
        return result;
    }

    /// <summary>G_V·Xᵀ for the input layer, G_V = 2·R{δZ}ᵀ·X: 2·R{δZ}ᵀ·K [k×n] (in the scratch).</summary>
    /// <exception cref="InvalidOperationException">No session is active.</exception>
    /// <exception cref="ArgumentException"><paramref name="tangentDelta"/> holds fewer than n·k values.</exception>
    public ReadOnlySpan<T> AdjointGramProduct(ReadOnlySpan<T> tangentDelta)
    {
        CheckTangent(tangentDelta);
        var result = _scratch.AsSpan(0, _width * BatchSize);
        TransposeProduct(tangentDelta, Gram, result, _width, BatchSize, BatchSize);
        foreach (ref var value in result) value += value;
        return result;
    }

    /// <summary>After W₀ → D·W₀ (the diagonal group): P → P·D.</summary>
    /// <exception cref="ArgumentException"><paramref name="g"/> holds fewer than k values (checked when <see cref="ProductValid"/>).</exception>
    public void ScaleProductColumns(ReadOnlySpan<T> g)
    {
        if (!ProductValid) return;
        CheckGroupElement(g, _width);
        var product = Product;
        for (var s = 0; s < BatchSize; s++)
            for (var j = 0; j < _width; j++)
                product[s * _width + j] *= g[j];
    }

    /// <summary>After W₀ → g·W₀ (GL(k)): P → P·gᵀ.</summary>
    /// <exception cref="ArgumentException"><paramref name="g"/> holds fewer than k·k values (checked when <see cref="ProductValid"/>).</exception>
    public void TransformProduct(ReadOnlySpan<T> g)
    {
        if (!ProductValid) return;
        CheckGroupElement(g, _width * _width);
        var moved = _scratch.AsSpan(0, BatchSize * _width);
        if (typeof(T) == typeof(float))
            MatrixMultiply.NT(Cast<float>(Product), Cast<float>(g), Cast<float>(moved), BatchSize, _width, _width);
        else
            MatrixMultiply.NT(Cast<double>(Product), Cast<double>(g), Cast<double>(moved), BatchSize, _width, _width);
        moved.CopyTo(Product);
    }

    /// <summary>
    /// A session's adjoints read its Gram matrix and product, which exist (and match the parameters) only while it is
    /// active; the tangent R{δZ} must hold the batch's [n×k] (only those are read). A short span failed deep in a loop, a stale session
    /// answered for the old batch.
    /// </summary>
    private void CheckTangent(ReadOnlySpan<T> tangentDelta)
    {
        if (!IsActive)
            throw new InvalidOperationException("The teleport session is not active: call Begin (and use it only when it returns true) before its adjoints.");
        if (tangentDelta.Length < (long)BatchSize * _width)
            throw new ArgumentException($"'tangentDelta' has {tangentDelta.Length} values but the session's R{{δZ}} is [{BatchSize}×{_width}].", nameof(tangentDelta));
    }

    /// <summary>A group element of the input layer: at least k values (diagonal) or k·k (GL(k)); only those are read.</summary>
    private static void CheckGroupElement(ReadOnlySpan<T> g, int length)
    {
        if (g.Length < length)
            throw new ArgumentException($"'g' has {g.Length} values but the input layer's group element needs {length}.", nameof(g));
    }

    private static void TransposeProduct(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
    {
        if (typeof(T) == typeof(float))
            MatrixMultiply.TN(Cast<float>(a), Cast<float>(b), Cast<float>(c), m, k, n);
        else
            MatrixMultiply.TN(Cast<double>(a), Cast<double>(b), Cast<double>(c), m, k, n);
    }

    private static void Grow(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[length];
    }

    private static Span<TTo> Cast<TTo>(ReadOnlySpan<T> span) where TTo : struct =>
        System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref System.Runtime.CompilerServices.Unsafe.As<T, TTo>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(span)), span.Length);
}
