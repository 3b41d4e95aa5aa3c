using System;
using System.Numerics;
using Teleport.Kernels;
using Teleport.LinearAlgebra;

namespace Teleport.Teleportation;

/// <summary>
/// The projector of one dense layer (Wu et al. 2025, after GPM): from the layer's input H̃ = [H 1] [n×d′] on the
/// teleport batch, the leading right-singular subspace B (r×d′, orthonormal rows) that carries τ of the energy
/// Σσᵢ², and the projection G ↦ G − (G·Bᵀ)·B of a [k×d′] weight step onto its orthogonal complement, so that
/// ΔW̃·H̃ᵀ ≈ 0 (exactly 0 for τ = 1).
/// </summary>
/// <remarks>
/// The SVD comes from the smaller Gram matrix, in double: for n &lt; d′, K = H̃·H̃ᵀ = U·Σ²·Uᵀ and Bᵢ = H̃ᵀ·uᵢ/σᵢ;
/// otherwise C = H̃ᵀ·H̃ = V·Σ²·Vᵀ and Bᵢ = vᵢ (<see cref="SymmetricEigen"/>, O(min(n, d′)³)). A direction counts only
/// when σᵢ² &gt; 1e-12·σ₁² (numerically nonzero), so τ = 1 keeps the whole row space: the exact null space.
/// Buffers grow with the batch and are then reused: allocation-free at a fixed batch size.
/// </remarks>
internal sealed class NullSpaceProjector
{
    /// <summary>Eigenvalues of the Gram matrix below this fraction of the largest are numerically zero.</summary>
    public const double RankCutoff = 1e-12;

    private double[] input = [];
    private double[] gram = [];
    private double[] values = [];
    private double[] vectors = [];
    private double[] workspace = [];
    private double[] basis = [];
    private double[] coefficients = [];

    /// <param name="fanIn">The layer's fan-in d.</param>
    /// <param name="width">The layer's width k (rows of its weight).</param>
    /// <param name="hasBias">Whether the layer has a bias (then H̃ = [H 1], d′ = d + 1).</param>
    public NullSpaceProjector(int fanIn, int width, bool hasBias)
    {
        FanIn = fanIn;
        Width = width;
        HasBias = hasBias;
    }

    public int FanIn { get; }

    public int Width { get; }

    public bool HasBias { get; }

    /// <summary>d′ = d (+ 1 with a bias).</summary>
    public int Dimension => FanIn + (HasBias ? 1 : 0);

    /// <summary>Rank r of the kept subspace after <see cref="Build"/>.</summary>
    public int KeptRank { get; private set; }

    /// <summary>Batch size n of the last <see cref="Build"/>.</summary>
    public int BatchSize { get; private set; }

    /// <summary>H̃ [n×d′] in double, as of the last <see cref="Build"/>.</summary>
    public ReadOnlySpan<double> Input => input.AsSpan(0, BatchSize * Dimension);

    /// <summary>Builds B from the layer input <paramref name="layerInput"/> [n×d] and threshold τ; false if the eigensolver failed.</summary>
    public bool Build<T>(ReadOnlySpan<T> layerInput, int n, double threshold) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = Dimension, m = Math.Min(n, d);
        BatchSize = n;
        Grow(ref input, n * d);
        Grow(ref gram, m * m);
        Grow(ref values, m);
        Grow(ref vectors, m * m);
        Grow(ref workspace, SymmetricEigen.WorkspaceLength(m));
        Grow(ref basis, m * d);
        Grow(ref coefficients, Width * m);
        var h = input.AsSpan(0, n * d);
        for (int s = 0; s < n; s++)
        {
            for (int j = 0; j < FanIn; j++) h[s * d + j] = double.CreateTruncating(layerInput[s * FanIn + j]);
            if (HasBias) h[s * d + FanIn] = 1;
        }

        var k = gram.AsSpan(0, m * m);
        if (n < d) MatrixMultiply.NT(h, h, k, n, d, n);
        else MatrixMultiply.TN(h, h, k, d, n, d);
        var lambda = values.AsSpan(0, m);
        var u = vectors.AsSpan(0, m * m);
        if (!SymmetricEigen.Decompose(k, m, lambda, u, workspace)) return false;
        KeptRank = Rank(lambda, threshold);
        var b = basis.AsSpan(0, KeptRank * d);
        if (n < d)
        {
            // Bᵢ = H̃ᵀ·uᵢ/σᵢ: (Uᵣᵀ·H̃) row-scaled.
            MatrixMultiply.NN(u[..(KeptRank * m)], h, b, KeptRank, n, d);
            for (int i = 0; i < KeptRank; i++)
            {
                var row = b.Slice(i * d, d);
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, 1 / Math.Sqrt(lambda[i]), row);
            }
        }
        else
        {
            u[..(KeptRank * d)].CopyTo(b);
        }

        return true;
    }

    /// <summary>G ← G − (G·Bᵀ)·B for G [k×d′] (double, row-major).</summary>
    public void Project(Span<double> g)
    {
        int d = Dimension, r = KeptRank;
        if (r == 0) return;
        var b = basis.AsSpan(0, r * d);
        var c = coefficients.AsSpan(0, Width * r);
        MatrixMultiply.NT(g, b, c, Width, d, r);
        System.Numerics.Tensors.TensorPrimitives.Negate(c, c);
        MatrixMultiply.NN(c, b, g, Width, r, d, accumulate: true);
    }

    /// <summary>
    /// The smallest r whose leading eigenvalues (descending) carry ≥ τ of their sum, among the numerically nonzero
    /// ones (all of them for τ = 1).
    /// </summary>
    public static int Rank(ReadOnlySpan<double> lambda, double threshold)
    {
        if (lambda.Length == 0 || !(lambda[0] > 0)) return 0;
        int nonzero = 0;
        double total = 0;
        while (nonzero < lambda.Length && lambda[nonzero] > RankCutoff * lambda[0]) total += lambda[nonzero++];
        if (threshold >= 1) return nonzero;
        double cumulative = 0;
        for (int r = 0; r < nonzero; r++)
        {
            cumulative += lambda[r];
            if (cumulative >= threshold * total) return r + 1;
        }

        return nonzero;
    }

    private static void Grow(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new double[length];
    }
}
