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
    /// the n×n Gram [H 1]·[H 1]ᵀ (H·Hᵀ without bias). Z = H·Vᵀ + 1·bᵀ is computed here from V, b and
    /// H; a given <see cref="HiddenLayerBlock{T}.InputGram"/> (a teleport session keeps it for the
    /// input layer) saves the n²·d product. <typeparamref name="TActivation"/> evaluates σ and
    /// <typeparamref name="TInverse"/> σ⁻¹.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Exact on the batch (the block output σ(Z′)·U′ᵀ = σ(Z)·gᵀ·g⁻ᵀ·Uᵀ equals the old one) iff [H 1]
    /// has full row rank — n ≤ d + 1 with bias, n ≤ d without — and σ(Z)·gᵀ stays inside σ's range.
    /// Outside the range σ⁻¹ is not finite (tanh: |y| ≥ 1; softplus, sigmoid: y ≤ 0) and the action
    /// returns <see cref="GroupActionResult.OutsideActivationRange"/>. With n larger than that the
    /// change is the ridge-regularised least-squares fit, and the output changes: the teleporter measures it.
    /// </para>
    /// <para>
    /// The increment form W′ = W + ΔW (rather than W′ = Z′ᵀ·[H 1]⁺ᵀ of the paper) is one of the exact
    /// solutions: it is the identity at g = I, keeps the part of W that the batch does not see, and
    /// composes — g₂·(g₁·θ) = (g₂g₁)·θ on the batch, so accumulated elements are products. Its first
    /// order change is the one <see cref="DataDependentAdjoint{T, TDerivative}"/> differentiates.
    /// Returns <see cref="GroupActionResult.Undefined"/>, leaving V, b and U unchanged, when g is
    /// singular or not finite, the Gram matrix cannot be factored, or a new value would not be finite.
    /// Cost: n²·d for the Gram matrix, n³/3 to factor it, k·n·(d + n + k) for the rest.
    /// </para>
    /// </remarks>
    public static GroupActionResult DataDependentAction<T, TActivation, TInverse>(ReadOnlySpan<T> g, in HiddenLayerBlock<T> layer)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IUnaryOperator<T>
        where TInverse : IUnaryOperator<T>
    {
        int n = layer.BatchSize, k = layer.Width, d = layer.InputSize, m = layer.NextWidth;
        CheckElement(g, k * k, layer);
        layer.CheckSizes(batch: true);
        SymmetryArguments.Matrix(layer.H.Length, n, d, nameof(layer.H));
        int kk = k * k, nk = n * k;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(
            2 * kk + 3 * nk + 2 * n * n + GramSolver.WorkspaceLength(k, n) + k * d + k + m * k));
        Span<T> lu = work.Take(kk), inverse = work.Take(kk);
        Span<T> z = work.Take(nk), moved = work.Take(nk), delta = work.Take(nk);
        Span<T> gram = work.Take(n * n), factor = work.Take(n * n), refine = work.Take(GramSolver.WorkspaceLength(k, n));
        Span<T> newV = work.Take(k * d), newB = work.Take(layer.B.Length), newU = work.Take(m * k);
        if (!LayerAlgebra.TryInvert(g, k, lu, inverse, KernelWorkspace<T>.RentPivots(k)))
        {
            return GroupActionResult.Undefined;
        }

        // Z = H·Vᵀ + 1·bᵀ; A = σ(Z) (in delta for now); A′ = A·gᵀ
        LayerAlgebra.PreActivation<T>(layer.H, layer.V, layer.B, z, n, k, d);
        LayerAlgebra.Map<T, TActivation>(z, delta);
        LayerAlgebra.NT<T>(delta, g, moved, n, k, k);

        // D = σ⁻¹(A′) − Z, refused when σ(Z)·gᵀ left σ's range
        for (int i = 0; i < nk; i++)
        {
            T target = TInverse.Invoke(moved[i]);
            if (!T.IsFinite(target))
            {
                return GroupActionResult.OutsideActivationRange;
            }

            moved[i] = target - z[i];
        }

        // Y = Dᵀ·Gram⁻¹ [k×n]
        LayerAlgebra.Transpose<T>(moved, n, k, delta);
        InputGram(layer, gram);
        if (!FactorDataGram(gram, factor, n, layer.HasBias))
        {
            return GroupActionResult.Undefined;
        }

        GramSolver.SolveRows<T>(gram, factor, n, delta, k, IsDataFullRowRank(n, d, layer.HasBias) ? GramSolver.Refinements : 0, refine);

        // V′ = V + Y·H, b′ = b + Y·1, U′ = U·g⁻¹
        LayerAlgebra.NN<T>(delta, layer.H, newV, k, n, d);
        LayerAlgebra.AddTo<T>(layer.V, newV);
        for (int j = 0; j < newB.Length; j++)
        {
            T sum = layer.B[j];
            foreach (T value in delta.Slice(j * n, n))
            {
                sum += value;
            }

            newB[j] = sum;
        }

        LayerAlgebra.NN<T>(layer.U, inverse, newU, m, k, k);
        return CommitIfFinite(newV, newB, newU, layer);
    }
}
