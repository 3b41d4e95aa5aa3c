using System;
using System.Numerics;
using Teleport.LinearAlgebra;

namespace Teleport.Teleportation;

/// <summary>
/// Solves X·G = B with a symmetric positive (semi)definite Gram matrix G (H·Hᵀ, A·Aᵀ, Aᵀ·A) by
/// Cholesky with the ridge <see cref="CholeskyRidge.Recommended{T}"/> and optional iterative refinement.
/// </summary>
/// <remarks>
/// <para>
/// The ridge λ = √ε·mean(diag G) + ε² (ε machine epsilon) keeps a numerically semidefinite Gram
/// factorable, but on its own it biases the solution by about λ/σ_min(G) — 1e-8 relative in double,
/// enough to spoil the "exact on the batch" symmetries. When G is known to be nonsingular the
/// solve is refined: X ← X + (B − X·G)(G + λI)⁻¹, which converges to B·G⁻¹ with ratio
/// λ/(σ_min + λ) per sweep; <see cref="Refinements"/> sweeps bring the bias to rounding level for
/// any reasonably conditioned G. When G is singular (the inexact regimes) refinement would grow the
/// null-space component by B_null/λ per sweep, so callers pass 0 sweeps there and get the plain
/// Tikhonov solution B·(G + λI)⁻¹.
/// </para>
/// </remarks>
internal static class GramSolver
{
    /// <summary>Refinement sweeps used where the Gram matrix is generically nonsingular.</summary>
    public const int Refinements = 3;

    /// <summary>Workspace <see cref="SolveRows{T}"/> needs for <paramref name="rows"/> right-hand sides of length n.</summary>
    public static int WorkspaceLength(int rows, int n) => 2 * rows * n;

    /// <summary>factor ← Cholesky factor of G + λI (G is copied); false when it is not positive definite.</summary>
    public static bool Factor<T>(ReadOnlySpan<T> gram, Span<T> factor, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        gram[..(n * n)].CopyTo(factor);
        return Cholesky.Factor(factor, n, CholeskyRidge.Recommended<T>()).Succeeded;
    }

    /// <summary>
    /// <paramref name="rhs"/> (rows×n, each row a right-hand side) becomes X = B·G⁻¹, with
    /// <paramref name="refinements"/> sweeps of iterative refinement against the unregularised G.
    /// </summary>
    public static void SolveRows<T>(ReadOnlySpan<T> gram, ReadOnlySpan<T> factor, int n, Span<T> rhs, int rows, int refinements, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> x = rhs[..(rows * n)];
        if (refinements <= 0)
        {
            Cholesky.SolveRows(factor, n, x, rows);
            return;
        }

        var carver = new WorkspaceCarver<T>(workspace);
        Span<T> original = carver.Take(rows * n);
        Span<T> residual = carver.Take(rows * n);
        x.CopyTo(original);
        Cholesky.SolveRows(factor, n, x, rows);
        for (int sweep = 0; sweep < refinements; sweep++)
        {
            // R = (B − X·G)(G + λI)⁻¹;  X += R
            LayerAlgebra.NN(x, gram, residual, rows, n, n);
            for (int i = 0; i < residual.Length; i++)
            {
                residual[i] = original[i] - residual[i];
            }

            Cholesky.SolveRows(factor, n, residual, rows);
            LayerAlgebra.AddTo<T>(residual, x);
        }
    }
}
