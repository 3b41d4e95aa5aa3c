using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// S3 adjoint: ∂f(g·θ)/∂T at g = I for the data-dependent GL(k) action of
    /// <see cref="DataDependentAction{T, TActivation, TInverse}(ReadOnlySpan{T}, Span{T}, Span{T}, Span{T}, ReadOnlySpan{T}, int, int, int, int, bool)"/>:
    /// result [k×k] = Y·A − Uᵀ·G_U with C = G_V·Hᵀ + G_b·1ᵀ [k×n], X = C·Gram⁻¹, Y[j,s] = X[j,s]/σ′(Z[s,j]),
    /// Gram = [H 1]·[H 1]ᵀ [n×n] (H·Hᵀ without bias). <typeparamref name="TDerivative"/> evaluates σ′.
    /// Returns false (result unspecified) when the Gram matrix cannot be factored or a value is not finite.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Derivation (DESIGN.md "Symmetries", S3: ∂f/∂T = [(G_{[V b]}([h;1ᵀ]⁺)ᵀ) ⊘ σ′(Z)]·σ(Z)ᵀ − Uᵀ G_U,
    /// transposed to code). Write Ĥ = [H 1] [n×(d+1)] and W = [V b] [k×(d+1)], so Z = Ĥ·Wᵀ.
    /// With g = I + εT the action moves A to A·(I + εT)ᵀ, so to first order
    /// δZ = (A·Tᵀ) ⊘ σ′(Z) [n×k]; U → U·g⁻¹ gives δU = −U·T; and W moves by the minimum-norm
    /// solution of Ĥ·δWᵀ = δZ, δW = δZᵀ·Gram⁻¹·Ĥ (Gram = Ĥ·Ĥᵀ, nonsingular when Ĥ has full row rank).
    /// </para>
    /// <para>
    /// Then δf = ⟨G_W, δZᵀ·Gram⁻¹·Ĥ⟩ − ⟨G_U, U·T⟩ with G_W = [G_V G_b]. The first term is
    /// tr(G_Wᵀ·δZᵀ·Gram⁻¹·Ĥ) = ⟨δZ, Gram⁻¹·Ĥ·G_Wᵀ⟩ = ⟨δZ, Xᵀ⟩ where X = C·Gram⁻¹ and
    /// C = G_W·Ĥᵀ = G_V·Hᵀ + G_b·1ᵀ (Gram is symmetric). Substituting δZ:
    /// Σ_{s,j} X[j,s]·(A·Tᵀ)[s,j]/σ′(Z[s,j]) = Σ_{j,p} T[j,p]·Σ_s Y[j,s]·A[s,p], i.e. ∂/∂T = Y·A.
    /// The second term gives −Uᵀ·G_U as for S1.
    /// </para>
    /// <para>
    /// The Gram solve uses Cholesky with the ridge √ε·mean(diag) + ε², refined iteratively when the
    /// batch is small enough for Ĥ to have full row rank (n ≤ d + 1 with bias, n ≤ d without);
    /// otherwise the result is the ridge-regularised (Tikhonov) adjoint. Cost: n²·d for the Gram
    /// matrix, n³/3 to factor it, k·n·(d + n + k) for the products. Allocates nothing after warm-up.
    /// </para>
    /// </remarks>
    public static bool DataDependentAdjoint<T, TDerivative>(
        ReadOnlySpan<T> gradV, ReadOnlySpan<T> gradB, ReadOnlySpan<T> u, ReadOnlySpan<T> gradU,
        ReadOnlySpan<T> h, ReadOnlySpan<T> z, ReadOnlySpan<T> a, Span<T> result,
        int n, int k, int d, int m, bool hasBias)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : IUnaryOperator<T>
    {
        SymmetryArguments.Sizes(k, d, m, n);
        SymmetryArguments.Matrix(gradV.Length, k, d, nameof(gradV));
        SymmetryArguments.Bias(gradB.Length, k, hasBias, nameof(gradB));
        SymmetryArguments.Matrix(u.Length, m, k, nameof(u));
        SymmetryArguments.Matrix(gradU.Length, m, k, nameof(gradU));
        SymmetryArguments.Matrix(h.Length, n, d, nameof(h));
        SymmetryArguments.Matrix(z.Length, n, k, nameof(z));
        SymmetryArguments.Matrix(a.Length, n, k, nameof(a));
        SymmetryArguments.Matrix(result.Length, k, k, nameof(result));

        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(DataDependentAdjointLength(n, k)));
        Span<T> c = work.Take(k * n), gram = work.Take(n * n);

        // C₀ = G_V·Hᵀ [k×n] and the input Gram H·Hᵀ [n×n]
        LayerAlgebra.NT(gradV, h, c, k, d, n);
        LayerAlgebra.Gram(h, gram, n, d);
        return DataDependentAdjointCore<T, TDerivative>(c, gram, gradB, u, gradU, z, a, result, n, k, d, m, hasBias, work.Rest());
    }

    /// <summary>Whether [H 1] (or H without bias) can have full row rank: n ≤ d + 1 (n ≤ d) — S3's exactness condition.</summary>
    public static bool IsDataFullRowRank(int n, int d, bool hasBias) => n <= d + (hasBias ? 1 : 0);

    /// <summary>Gram = H·Hᵀ (given, or computed when <paramref name="inputGram"/> is empty) (+ 1·1ᵀ with bias) [n×n] and its ridge Cholesky factor.</summary>
    private static bool DataGram<T>(ReadOnlySpan<T> h, ReadOnlySpan<T> inputGram, Span<T> gram, Span<T> factor, int n, int d, bool hasBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inputGram.IsEmpty)
        {
            LayerAlgebra.Gram(h, gram, n, d);
        }
        else
        {
            inputGram.CopyTo(gram);
        }

        if (hasBias)
        {
            foreach (ref T value in gram)
            {
                value += T.One;
            }
        }

        return GramSolver.Factor<T>(gram, factor, n);
    }
}
