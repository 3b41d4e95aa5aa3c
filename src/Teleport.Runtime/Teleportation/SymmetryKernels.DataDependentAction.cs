using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// S3 action (NeurIPS 2022, data-dependent GL(k)) for a strictly increasing invertible σ:
    /// U → U·g⁻¹; the layer's pre-activation on the batch moves to Z′ = σ⁻¹(σ(Z)·gᵀ), and
    /// [V b] moves by the least-squares (minimum-norm) change ΔW solving [H 1]·ΔWᵀ = Z′ − Z through
    /// the n×n Gram [H 1]·[H 1]ᵀ (H·Hᵀ without bias). Z = H·Vᵀ + 1·bᵀ is computed here.
    /// <typeparamref name="TActivation"/> evaluates σ and <typeparamref name="TInverse"/> σ⁻¹.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Exact on the batch (the block output σ(Z′)·U′ᵀ = σ(Z)·gᵀ·g⁻ᵀ·Uᵀ equals the old one) iff [H 1]
    /// has full row rank — n ≤ d + 1 with bias, n ≤ d without (<see cref="IsDataFullRowRank"/>) — and
    /// σ(Z)·gᵀ stays inside σ's range. Outside the range σ⁻¹ is not finite (tanh: |y| ≥ 1;
    /// softplus, sigmoid: y ≤ 0) and the action returns false. With n larger than that the change is
    /// the ridge-regularised least-squares fit, and the output changes: the teleporter measures it.
    /// </para>
    /// <para>
    /// The increment form W′ = W + ΔW (rather than W′ = Z′ᵀ·[H 1]⁺ᵀ of the paper) is one of the exact
    /// solutions: it is the identity at g = I, keeps the part of W that the batch does not see, and
    /// composes — g₂·(g₁·θ) = (g₂g₁)·θ on the batch, so accumulated elements are products. Its first
    /// order change is the one <see cref="DataDependentAdjoint{T, TDerivative}"/> differentiates.
    /// Returns false, leaving V, b and U unchanged, when g is singular or not finite, σ⁻¹ leaves the
    /// reals, the Gram matrix cannot be factored, or a new value would not be finite.
    /// Cost: n²·d for the Gram matrix, n³/3 to factor it, k·n·(d + n + k) for the rest.
    /// </para>
    /// </remarks>
    public static bool DataDependentAction<T, TActivation, TInverse>(
        ReadOnlySpan<T> g, Span<T> v, Span<T> b, Span<T> u, ReadOnlySpan<T> h,
        int n, int k, int d, int m, bool hasBias)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IUnaryOperator<T>
        where TInverse : IUnaryOperator<T> =>
        DataDependentAction<T, TActivation, TInverse>(g, v, b, u, h, default, n, k, d, m, hasBias);

    /// <summary>
    /// The S3 action with the input Gram H·Hᵀ [n×n] supplied (a teleport session keeps it for the
    /// input layer), which saves the n²·d product; an empty <paramref name="inputGram"/> computes it.
    /// </summary>
    public static bool DataDependentAction<T, TActivation, TInverse>(
        ReadOnlySpan<T> g, Span<T> v, Span<T> b, Span<T> u, ReadOnlySpan<T> h, ReadOnlySpan<T> inputGram,
        int n, int k, int d, int m, bool hasBias)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IUnaryOperator<T>
        where TInverse : IUnaryOperator<T>
    {
        CheckParameters(g, k * k, v, b, u, k, d, m);
        SymmetryArguments.Sizes(k, d, m, n);
        SymmetryArguments.Bias(b.Length, k, hasBias, nameof(b));
        SymmetryArguments.Matrix(h.Length, n, d, nameof(h));
        int kk = k * k, nk = n * k;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(
            2 * kk + 3 * nk + 2 * n * n + GramSolver.WorkspaceLength(k, n) + k * d + k + m * k));
        Span<T> lu = work.Take(kk), inverse = work.Take(kk);
        Span<T> z = work.Take(nk), moved = work.Take(nk), delta = work.Take(nk);
        Span<T> gram = work.Take(n * n), factor = work.Take(n * n), refine = work.Take(GramSolver.WorkspaceLength(k, n));
        Span<T> newV = work.Take(k * d), newB = work.Take(b.Length), newU = work.Take(m * k);
        if (!LayerAlgebra.TryInvert(g, k, lu, inverse, KernelWorkspace<T>.RentPivots(k)))
        {
            return false;
        }

        // Z = H·Vᵀ + 1·bᵀ; A = σ(Z) (in delta for now); A′ = A·gᵀ
        LayerAlgebra.PreActivation<T>(h, v, b, z, n, k, d);
        LayerAlgebra.Map<T, TActivation>(z, delta);
        LayerAlgebra.NT<T>(delta, g, moved, n, k, k);

        // D = σ⁻¹(A′) − Z, rejected when σ·gᵀ left σ's range
        for (int i = 0; i < nk; i++)
        {
            T target = TInverse.Invoke(moved[i]);
            if (!T.IsFinite(target))
            {
                return false;
            }

            moved[i] = target - z[i];
        }

        // Y = Dᵀ·Gram⁻¹ [k×n]
        LayerAlgebra.Transpose<T>(moved, n, k, delta);
        if (!inputGram.IsEmpty)
        {
            SymmetryArguments.Matrix(inputGram.Length, n, n, nameof(inputGram));
        }

        if (!DataGram(h, inputGram, gram, factor, n, d, hasBias))
        {
            return false;
        }

        GramSolver.SolveRows<T>(gram, factor, n, delta, k, IsDataFullRowRank(n, d, hasBias) ? GramSolver.Refinements : 0, refine);

        // V′ = V + Y·H, b′ = b + Y·1, U′ = U·g⁻¹
        LayerAlgebra.NN<T>(delta, h, newV, k, n, d);
        LayerAlgebra.AddTo<T>(v, newV);
        for (int j = 0; j < newB.Length; j++)
        {
            T sum = b[j];
            foreach (T value in delta.Slice(j * n, n))
            {
                sum += value;
            }

            newB[j] = sum;
        }

        LayerAlgebra.NN<T>(u, inverse, newU, m, k, k);
        return CommitIfFinite(newV, newB, newU, v, b, u);
    }
}
