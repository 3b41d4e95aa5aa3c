using System;
using System.Numerics;
using Teleport.Kernels;
using Teleport.LinearAlgebra;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// The fraction of its distance to σ's range boundary that one restricted S3 step may move an
    /// activation (see <see cref="DataDependentAction{T, TActivation, TInverse}"/>). Chosen by a sweep
    /// on two saturating networks (32-23-11-5, tanh/softplus and sigmoid/tanh, weights ~N(0, 0.4²),
    /// standard-normal inputs, batch 9, 40 seeds each, SymmetrySet.All, default options): ¼ and ⅒
    /// completed all 80 teleports (median ‖∇L‖² gains ×2.6/×8.5 and ×2.8/×7.8); ⅖ and ½ left 3 and
    /// 5 of the tanh/softplus ones stopped by overshoot (the second-order terms of e^X); the exact
    /// action stopped all 40 tanh/softplus ones with a gain of at most ×1.002.
    /// </summary>
    internal const double RangeMarginFraction = 0.25;

    /// <summary>
    /// S3 action (NeurIPS 2022, data-dependent GL(k)) for a strictly increasing invertible σ:
    /// U → U·g⁻¹; the layer's activations on the batch move to A′ = A·gᵀ, its pre-activation to
    /// Z′ = σ⁻¹(A′), and [V b] moves by the least-squares (minimum-norm) change ΔW solving
    /// [H 1]·ΔWᵀ = Z′ − Z through the n×n Gram [H 1]·[H 1]ᵀ (H·Hᵀ without bias). Z = H·Vᵀ + 1·bᵀ is
    /// computed here from V, b and H; a given <see cref="HiddenLayerBlock{T}.InputGram"/> (a teleport
    /// session keeps it for the input layer) saves the n²·d product. <typeparamref name="TActivation"/>
    /// evaluates σ and <typeparamref name="TInverse"/> σ⁻¹.
    /// </summary>
    /// <param name="g">The group element, k×k.</param>
    /// <param name="layer">V, b, U (written), H, the sizes and σ's <see cref="HiddenLayerBlock{T}.Range"/>.</param>
    /// <param name="applied">
    /// Empty: apply <paramref name="g"/> exactly, or return <see cref="GroupActionResult.OutsideActivationRange"/>
    /// when A·gᵀ leaves σ's range. k×k (it may be <paramref name="g"/> itself): apply the largest part of
    /// g that keeps every unit inside the range — ĝ = I + W·(g − I), W = diag(w), where w_j ∈ [0, 1] lets
    /// unit j move at most <see cref="RangeMarginFraction"/> of its distance to the boundary it is heading
    /// for on any sample (a unit at the boundary keeps its identity row: it cannot move that way) — and
    /// write ĝ here when it was applied.
    /// </param>
    /// <remarks>
    /// <para>
    /// Exact on the batch (the block output σ(Z′)·U′ᵀ = A·gᵀ·g⁻ᵀ·Uᵀ equals the old one) iff [H 1]
    /// has full row rank — n ≤ d + 1 with bias, n ≤ d without — and A·gᵀ stays inside σ's range:
    /// outside it σ⁻¹ is not finite (tanh: |y| ≥ 1; softplus, sigmoid: y ≤ 0). The restricted form is
    /// exact for ĝ the same way; since the units closest to their bound are the ones it holds back, a
    /// teleport on saturating units (tanh, sigmoid, softplus) keeps moving where the exact g would be
    /// refused at every step size. With n larger than the rank condition allows the change is the
    /// ridge-regularised least-squares fit, and the output changes: the teleporter measures it.
    /// </para>
    /// <para>
    /// The increment forms A′ = A + A·(ĝ − I)ᵀ and W′ = W + ΔW (rather than W′ = Z′ᵀ·[H 1]⁺ᵀ of the
    /// paper) are the identity at g = I, keep the part of W that the batch does not see, leave a unit
    /// that does not move exactly where it is (even at σ's boundary, where σ⁻¹ is infinite), and compose —
    /// g₂·(g₁·θ) = (g₂g₁)·θ on the batch, so accumulated elements are products. The first order change
    /// is the one <see cref="DataDependentAdjoint{T, TDerivative}"/> differentiates.
    /// Returns <see cref="GroupActionResult.Undefined"/>, leaving V, b and U unchanged, when g (or ĝ) is
    /// singular or not finite, the Gram matrix cannot be factored, or a new value would not be finite.
    /// Cost: n²·d for the Gram matrix, n³/3 to factor it, k·n·(d + n + k) for the rest.
    /// </para>
    /// </remarks>
    public static GroupActionResult DataDependentAction<T, TActivation, TInverse>(ReadOnlySpan<T> g, in HiddenLayerBlock<T> layer, Span<T> applied = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IUnaryOperator<T>
        where TInverse : IUnaryOperator<T>
    {
        int n = layer.BatchSize, k = layer.Width, d = layer.InputSize, m = layer.NextWidth;
        CheckElement(g, (long)k * k, layer);
        layer.CheckSizes(batch: true);
        SymmetryArguments.Matrix(layer.H.Length, n, d, nameof(layer.H));
        bool restricted = !applied.IsEmpty;
        if (restricted)
        {
            SymmetryArguments.Matrix(applied.Length, k, k, nameof(applied));
        }

        int kk = k * k, nk = n * k;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(
            3L * k * k + 4L * n * k + 2L * n * n + 2L * k * n + (long)k * d + k + (long)m * k));
        Span<T> element = work.Take(kk), lu = work.Take(kk), inverse = work.Take(kk);
        Span<T> z = work.Take(nk), activation = work.Take(nk), moved = work.Take(nk), delta = work.Take(nk);
        Span<T> gram = work.Take(n * n), factor = work.Take(n * n), refine = work.Take(GramSolver.WorkspaceLength(k, n));
        Span<T> newV = work.Take(k * d), newB = work.Take(layer.B.Length), newU = work.Take(m * k);

        // Z = H·Vᵀ + 1·bᵀ; A = σ(Z); ΔA = A·(g − I)ᵀ, the move of every activation
        LayerAlgebra.PreActivation<T>(layer.H, layer.V, layer.B, z, n, k, d);
        LayerAlgebra.Map<T, TActivation>(z, activation);
        g[..kk].CopyTo(element);
        SmallMatrix.AddToDiagonal(element, k, -T.One);
        LayerAlgebra.NT<T>(activation, element, moved, n, k, k);

        // restricted: ĝ = I + W·(g − I) and ΔA ← ΔA·W, w_j from the range margin of unit j
        if (restricted)
        {
            ScaleToRangeMargin(activation, moved, element, layer.Range, n, k);
        }

        SmallMatrix.AddToDiagonal(element, k, T.One);
        if (!LayerAlgebra.TryInvert(element, k, lu, inverse, KernelWorkspace<T>.RentPivots(k)))
        {
            return GroupActionResult.Undefined;
        }

        // D = σ⁻¹(A + ΔA) − Z (0 where the activation does not move), refused when A + ΔA left σ's range
        for (int i = 0; i < nk; i++)
        {
            if (moved[i] == T.Zero)
            {
                continue;
            }

            T target = TInverse.Invoke(activation[i] + moved[i]);
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

        // V′ = V + Y·H, b′ = b + Y·1, U′ = U·ĝ⁻¹
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
        GroupActionResult result = CommitIfFinite(newV, newB, newU, layer);
        if (restricted && result == GroupActionResult.Applied)
        {
            element.CopyTo(applied);
        }

        return result;
    }

    /// <summary>
    /// Per unit j, w_j = min(1, c·min_s margin[s,j] / |ΔA[s,j]|) with margin the distance from A[s,j] to
    /// the range end that ΔA[s,j] heads for and c = <see cref="RangeMarginFraction"/>; then row j of
    /// <paramref name="step"/> (g − I) and column j of <paramref name="move"/> (ΔA) are scaled by w_j.
    /// </summary>
    private static void ScaleToRangeMargin<T>(ReadOnlySpan<T> activation, Span<T> move, Span<T> step, ActivationRange range, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T lower = T.CreateTruncating(range.Lower), upper = T.CreateTruncating(range.Upper);
        T fraction = T.CreateTruncating(RangeMarginFraction);
        for (int j = 0; j < k; j++)
        {
            T w = T.One;
            for (int s = 0; s < n; s++)
            {
                T a = activation[s * k + j], change = move[s * k + j];
                if (change == T.Zero)
                {
                    continue;
                }

                T margin = change > T.Zero ? upper - a : a - lower;
                T allowed = margin > T.Zero ? fraction * margin / T.Abs(change) : T.Zero;
                if (allowed < w)
                {
                    w = allowed;
                }
            }

            if (w == T.One)
            {
                continue;
            }

            foreach (ref T value in step.Slice(j * k, k))
            {
                value *= w;
            }

            for (int s = 0; s < n; s++)
            {
                move[s * k + j] *= w;
            }
        }
    }
}
