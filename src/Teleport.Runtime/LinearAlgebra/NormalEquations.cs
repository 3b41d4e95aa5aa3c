using System;
using System.Numerics;

namespace Teleport.LinearAlgebra;

/// <summary>
/// Products with the Moore–Penrose pseudo-inverse A⁺ of a row-major m×n matrix A, through the
/// normal equations and <see cref="Cholesky"/> on the smaller Gram matrix — never an SVD.
/// </summary>
/// <remarks>
/// <para>
/// Which Gram matrix is used follows the shape of A:
/// </para>
/// <list type="bullet">
/// <item><b>m ≤ n (wide)</b>: A⁺ = Aᵀ(A·Aᵀ)⁻¹, exact when A has <b>full row rank</b>; factors the m×m Gram A·Aᵀ.</item>
/// <item><b>m &gt; n (tall)</b>: A⁺ = (Aᵀ·A)⁻¹Aᵀ, exact when A has <b>full column rank</b>; factors the n×n Gram Aᵀ·A.</item>
/// </list>
/// <para>
/// With a ridge λ the Gram G becomes G + λI (λ from <see cref="CholeskyRidge"/>, relative to the
/// mean diagonal ‖A‖²_F / size(G)), and both forms give the Tikhonov-regularised pseudo-inverse
/// Aᵀ(A·Aᵀ + λI)⁻¹ = (Aᵀ·A + λI)⁻¹Aᵀ, which tends to A⁺ as λ → 0 for any rank. If the Gram
/// matrix is not numerically positive definite even with the ridge, the methods return the
/// failed <see cref="CholeskyResult"/> and leave the result unspecified.
/// </para>
/// <para>
/// The workspace versions allocate nothing; ask the <c>…WorkspaceLength</c> methods for the size.
/// The result must not overlap the inputs or the workspace.
/// </para>
/// </remarks>
public static class NormalEquations
{
    /// <summary>Workspace elements <see cref="PseudoInverseTimes{T}(ReadOnlySpan{T}, int, int, ReadOnlySpan{T}, int, Span{T}, Span{T}, CholeskyRidge)"/> needs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative size (the allocating overload then failed with an OverflowException), or a
    /// workspace (m² + m·p when m ≤ n, else n²) of more than an array holds.</exception>
    public static int PseudoInverseTimesWorkspaceLength(int m, int n, int p)
    {
        RequireDimensions(m, n, p);
        if (m > n) return MatrixArguments.ElementCount((long)n * n, nameof(n), n, "The workspace n²");
        MatrixArguments.ElementCount((long)m * m, nameof(m), m, "The workspace's Gram matrix m²");
        return MatrixArguments.ElementCount((long)m * m + (long)m * p, nameof(p), p, "The workspace m² + m·p");
    }

    /// <summary>Workspace elements <see cref="TimesPseudoInverse{T}(ReadOnlySpan{T}, int, int, ReadOnlySpan{T}, int, Span{T}, Span{T}, CholeskyRidge)"/> needs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative size, or a workspace (m² when m ≤ n, else n² + p·n) of more than an
    /// array holds.</exception>
    public static int TimesPseudoInverseWorkspaceLength(int m, int n, int p)
    {
        RequireDimensions(m, n, p);
        if (m <= n) return MatrixArguments.ElementCount((long)m * m, nameof(m), m, "The workspace m²");
        MatrixArguments.ElementCount((long)n * n, nameof(n), n, "The workspace's Gram matrix n²");
        return MatrixArguments.ElementCount((long)n * n + (long)p * n, nameof(p), p, "The workspace n² + p·n");
    }

    private static void RequireDimensions(int m, int n, int p)
    {
        MatrixArguments.RequireDimension(m, nameof(m));
        MatrixArguments.RequireDimension(n, nameof(n));
        MatrixArguments.RequireDimension(p, nameof(p));
    }

    /// <summary>X = A⁺·B, with A m×n, B m×p and X (<paramref name="result"/>) n×p.</summary>
    public static CholeskyResult PseudoInverseTimes<T>(
        ReadOnlySpan<T> a, int m, int n, ReadOnlySpan<T> b, int p, Span<T> result, Span<T> workspace, CholeskyRidge ridge)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireSupported<T>();
        MatrixArguments.RequireLength(a.Length, m, n, nameof(a));
        MatrixArguments.RequireLength(b.Length, m, p, nameof(b));
        MatrixArguments.RequireLength(result.Length, n, p, nameof(result));
        MatrixArguments.RequireWorkspace(workspace.Length, PseudoInverseTimesWorkspaceLength(m, n, p), nameof(workspace));
        MatrixArguments.RequireDisjoint(workspace, result, nameof(workspace), nameof(result));
        if (m <= n)
        {
            // G = A·Aᵀ + λI (m×m); Y = G⁻¹·B (m×p); X = Aᵀ·Y
            Span<T> gram = workspace[..(m * m)];
            Span<T> y = workspace.Slice(m * m, m * p);
            SmallMatrix.MultiplyNT(a, a, gram, m, n, m);
            CholeskyResult factored = Cholesky.Factor<T>(gram, m, ridge);
            if (factored.Succeeded)
            {
                b[..(m * p)].CopyTo(y);
                Cholesky.SolveColumns<T>(gram, m, y, p);
                SmallMatrix.MultiplyTN<T>(a, y, result, n, m, p);
            }

            return factored;
        }
        else
        {
            // G = Aᵀ·A + λI (n×n); X = G⁻¹·(Aᵀ·B)
            Span<T> gram = workspace[..(n * n)];
            SmallMatrix.MultiplyTN(a, a, gram, n, m, n);
            CholeskyResult factored = Cholesky.Factor<T>(gram, n, ridge);
            if (factored.Succeeded)
            {
                SmallMatrix.MultiplyTN(a, b, result, n, m, p);
                Cholesky.SolveColumns<T>(gram, n, result, p);
            }

            return factored;
        }
    }

    /// <summary>X = B·A⁺, with A m×n, B p×n and X (<paramref name="result"/>) p×m.</summary>
    public static CholeskyResult TimesPseudoInverse<T>(
        ReadOnlySpan<T> a, int m, int n, ReadOnlySpan<T> b, int p, Span<T> result, Span<T> workspace, CholeskyRidge ridge)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireSupported<T>();
        MatrixArguments.RequireLength(a.Length, m, n, nameof(a));
        MatrixArguments.RequireLength(b.Length, p, n, nameof(b));
        MatrixArguments.RequireLength(result.Length, p, m, nameof(result));
        MatrixArguments.RequireWorkspace(workspace.Length, TimesPseudoInverseWorkspaceLength(m, n, p), nameof(workspace));
        MatrixArguments.RequireDisjoint(workspace, result, nameof(workspace), nameof(result));
        if (m <= n)
        {
            // G = A·Aᵀ + λI (m×m); X = (B·Aᵀ)·G⁻¹
            Span<T> gram = workspace[..(m * m)];
            SmallMatrix.MultiplyNT(a, a, gram, m, n, m);
            CholeskyResult factored = Cholesky.Factor<T>(gram, m, ridge);
            if (factored.Succeeded)
            {
                SmallMatrix.MultiplyNT(b, a, result, p, n, m);
                Cholesky.SolveRows<T>(gram, m, result, p);
            }

            return factored;
        }
        else
        {
            // G = Aᵀ·A + λI (n×n); Y = B·G⁻¹ (p×n); X = Y·Aᵀ
            Span<T> gram = workspace[..(n * n)];
            Span<T> y = workspace.Slice(n * n, p * n);
            SmallMatrix.MultiplyTN(a, a, gram, n, m, n);
            CholeskyResult factored = Cholesky.Factor<T>(gram, n, ridge);
            if (factored.Succeeded)
            {
                b[..(p * n)].CopyTo(y);
                Cholesky.SolveRows<T>(gram, n, y, p);
                SmallMatrix.MultiplyNT<T>(y, a, result, p, n, m);
            }

            return factored;
        }
    }

    /// <summary>Allocating <see cref="PseudoInverseTimes{T}(ReadOnlySpan{T}, int, int, ReadOnlySpan{T}, int, Span{T}, Span{T}, CholeskyRidge)"/>: X = A⁺·B (n×p), empty on failure.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative size, or the result n·p or the workspace more than an array holds.</exception>
    public static CholeskyResult PseudoInverseTimes<T>(ReadOnlySpan<T> a, int m, int n, ReadOnlySpan<T> b, int p, CholeskyRidge ridge, out T[] result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireDimension(n, nameof(n));
        MatrixArguments.RequireDimension(p, nameof(p));
        result = new T[MatrixArguments.ElementCount((long)n * p, nameof(p), p, "The result n·p")];
        CholeskyResult factored = PseudoInverseTimes(a, m, n, b, p, result, new T[PseudoInverseTimesWorkspaceLength(m, n, p)], ridge);
        if (!factored.Succeeded)
        {
            result = [];
        }

        return factored;
    }

    /// <summary>Allocating <see cref="TimesPseudoInverse{T}(ReadOnlySpan{T}, int, int, ReadOnlySpan{T}, int, Span{T}, Span{T}, CholeskyRidge)"/>: X = B·A⁺ (p×m), empty on failure.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative size, or the result p·m or the workspace more than an array holds.</exception>
    public static CholeskyResult TimesPseudoInverse<T>(ReadOnlySpan<T> a, int m, int n, ReadOnlySpan<T> b, int p, CholeskyRidge ridge, out T[] result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireDimension(m, nameof(m));
        MatrixArguments.RequireDimension(p, nameof(p));
        result = new T[MatrixArguments.ElementCount((long)p * m, nameof(m), m, "The result p·m")];
        CholeskyResult factored = TimesPseudoInverse(a, m, n, b, p, result, new T[TimesPseudoInverseWorkspaceLength(m, n, p)], ridge);
        if (!factored.Succeeded)
        {
            result = [];
        }

        return factored;
    }
}
