using System;
using Teleport.Geometry;
using Teleport.Kernels;

namespace Teleport.LinearAlgebra;

/// <summary>
/// Eigenvalues and eigenvectors of a dense symmetric matrix in double: Householder reduction to tridiagonal form
/// A = Q·T·Qᵀ, then the implicit-shift QL algorithm on T (<see cref="SymmetricTridiagonal"/>), eigenvectors Q·Z.
/// O(n³); allocation-free — the caller passes a workspace of <see cref="WorkspaceLength"/> values.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>Workspace values for an n×n problem: Q, Z and two vectors.</summary>
    public static int WorkspaceLength(int n) => 2 * n * n + 2 * n;

    /// <summary>
    /// Decomposes the symmetric <paramref name="matrix"/> (n×n row-major, destroyed). On return
    /// <paramref name="values"/> holds the eigenvalues in descending order and row j of <paramref name="vectors"/>
    /// (n×n row-major) the unit eigenvector of value j. False if QL did not converge.
    /// </summary>
    public static bool Decompose(Span<double> matrix, int n, Span<double> values, Span<double> vectors, Span<double> workspace)
    {
        var q = workspace[..(n * n)];
        var z = workspace.Slice(n * n, n * n);
        var off = workspace.Slice(2 * n * n, n);
        var v = workspace.Slice(2 * n * n + n, n);
        Tridiagonalize(matrix, n, q, v);
        for (var i = 0; i < n; i++)
        {
            values[i] = matrix[i * n + i];
            off[i] = i + 1 < n ? matrix[i * n + i + 1] : 0;
        }
        if (!SymmetricTridiagonal.Decompose(values, off, z, n)) return false;
        // Eigenvectors of A are the columns of Q·Z; written as rows, sorted by descending eigenvalue.
        MatrixMultiply.NN(q, z, matrix[..(n * n)], n, n, n);
        for (var j = 0; j < n; j++) off[j] = values[j];
        for (var rank = 0; rank < n; rank++)
        {
            var pick = 0;
            for (var j = 1; j < n; j++) if (off[j] > off[pick]) pick = j;
            values[rank] = off[pick];
            off[pick] = double.NegativeInfinity;
            for (var i = 0; i < n; i++) vectors[rank * n + i] = matrix[i * n + pick];
        }
        return true;
    }

    /// <summary>
    /// A ← Hₙ₋₃⋯H₀·A·H₀⋯Hₙ₋₃ (tridiagonal) and Q = H₀⋯Hₙ₋₃, each H = I − 2vvᵀ zeroing one column below the
    /// subdiagonal: with p = A·v, K = vᵀp, q = p − K·v, H·A·H = A − 2(v·qᵀ + q·vᵀ).
    /// </summary>
    private static void Tridiagonalize(Span<double> a, int n, Span<double> q, Span<double> v)
    {
        SmallMatrix.Identity(q, n);
        for (var k = 0; k + 2 < n; k++)
        {
            var m = n - k - 1;
            double norm = 0;
            for (var i = 0; i < m; i++) norm += a[(k + 1 + i) * n + k] * a[(k + 1 + i) * n + k];
            norm = Math.Sqrt(norm);
            var x0 = a[(k + 1) * n + k];
            if (norm == 0) continue;
            var alpha = x0 > 0 ? -norm : norm;
            for (var i = 0; i < m; i++) v[i] = a[(k + 1 + i) * n + k];
            v[0] -= alpha;
            double vnorm = 0;
            for (var i = 0; i < m; i++) vnorm += v[i] * v[i];
            vnorm = Math.Sqrt(vnorm);
            if (vnorm == 0) continue;
            for (var i = 0; i < m; i++) v[i] /= vnorm;
            // p = A_sub·v, kept in row k right of the diagonal: that row becomes (alpha, 0, …) below anyway.
            var p = a.Slice(k * n + k + 1, m);
            double kappa = 0;
            for (var i = 0; i < m; i++)
            {
                double sum = 0;
                var row = (k + 1 + i) * n + k + 1;
                for (var j = 0; j < m; j++) sum += a[row + j] * v[j];
                p[i] = sum;
            }
            for (var i = 0; i < m; i++) kappa += v[i] * p[i];
            for (var i = 0; i < m; i++) p[i] -= kappa * v[i];
            for (var i = 0; i < m; i++)
            {
                var row = (k + 1 + i) * n + k + 1;
                for (var j = 0; j < m; j++) a[row + j] -= 2 * (v[i] * p[j] + p[i] * v[j]);
            }
            // Column and row k: (alpha, 0, …, 0).
            for (var i = 0; i < m; i++)
            {
                a[k * n + k + 1 + i] = i == 0 ? alpha : 0;
                a[(k + 1 + i) * n + k] = i == 0 ? alpha : 0;
            }
            // Q ← Q·H on columns k+1…n−1.
            for (var r = 0; r < n; r++)
            {
                double dot = 0;
                var row = r * n + k + 1;
                for (var j = 0; j < m; j++) dot += q[row + j] * v[j];
                dot *= 2;
                for (var j = 0; j < m; j++) q[row + j] -= dot * v[j];
            }
        }
    }
}
