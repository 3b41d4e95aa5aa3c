using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// S4 action (the ICLR 2024 code's least-squares action) for an invertible σ:
    /// V → g·V, b → g·b, and, in the paper's notation (A = σ(Z), A′ = σ(gZ), k×n),
    /// U → U + U·(A − A′)·A′⁺, which is the code's U·A·A′⁺ whenever n ≥ k. Z = H·Vᵀ + 1·bᵀ is
    /// computed here from V, b and H; <typeparamref name="TActivation"/> evaluates σ.
    /// </summary>
    /// <remarks>
    /// <para>
    /// U′ is the least-squares fit of U′·A′ = U·A, the block's output on the batch. It is exact (the
    /// output does not change) only when A′ has full column rank, n ≤ k. For n &gt; k the fit leaves
    /// the residual U·A·(I − A′⁺A′), whose first-order part U·(σ′(Z) ⊙ (T·Z))·(I − A⁺A) is the
    /// drift the teleporter measures and bounds. Among the exact solutions for n &lt; k the
    /// increment form keeps the part of U that A′ does not see, so g = I is the identity (the code's
    /// U·A·A′⁺ would project U onto A's row space).
    /// </para>
    /// <para>
    /// A′⁺ is never formed: in code layout (A, A′, D = A − A′ all n×k), for n ≥ k
    /// U′ = U + U·(Dᵀ·A′)·(A′ᵀA′)⁻¹ through the k×k Gram, and for n &lt; k
    /// U′ = U + U·Dᵀ·(A′A′ᵀ)⁻¹·A′ through the n×n Gram; each is a Cholesky solve with the ridge
    /// √ε·mean(diag) + ε² and iterative refinement. Returns <see cref="GroupActionResult.Undefined"/>, leaving V, b and U unchanged,
    /// when g is not finite, the Gram matrix cannot be factored, or a new value would not be finite.
    /// Cost: n·k·(d + 2k) + m·k² + k³/3 for n ≥ k. Allocates nothing after warm-up.
    /// </para>
    /// </remarks>
    public static GroupActionResult LeastSquaresAction<T, TActivation>(ReadOnlySpan<T> g, in HiddenLayerBlock<T> layer)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TActivation : IUnaryOperator<T>
    {
        int n = layer.BatchSize, k = layer.Width, d = layer.InputSize, m = layer.NextWidth;
        CheckElement(g, (long)k * k, layer);
        layer.CheckSizes(batch: true);
        SymmetryArguments.Matrix(layer.H.Length, n, d, nameof(layer.H));
        if (!LayerAlgebra.AllFinite(g))
        {
            return GroupActionResult.Undefined;
        }

        int small = Math.Min(n, k);
        long scratchLength = n >= k ? (long)k * k : (long)m * n;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(
            3L * n * k + 2L * small * small + scratchLength + 2L * m * small + (long)k * d + k + (long)m * k));
        int nk = n * k, scratch = (int)scratchLength;
        Span<T> z = work.Take(nk), activation = work.Take(nk), moved = work.Take(nk);
        Span<T> gram = work.Take(small * small), factor = work.Take(small * small), product = work.Take(scratch);
        Span<T> refine = work.Take(GramSolver.WorkspaceLength(m, small));
        Span<T> newV = work.Take(k * d), newB = work.Take(layer.B.Length), newU = work.Take(m * k);
        Span<T> u = layer.U;

        // A = σ(Z); A′ = σ(Z·gᵀ); D = A − A′ (into activation)
        LayerAlgebra.PreActivation<T>(layer.H, layer.V, layer.B, z, n, k, d);
        LayerAlgebra.Map<T, TActivation>(z, activation);
        LayerAlgebra.NT(z, g, moved, n, k, k);
        LayerAlgebra.Map<T, TActivation>(moved, moved);
        for (int i = 0; i < nk; i++)
        {
            activation[i] -= moved[i];
        }

        if (n >= k)
        {
            // U′ = U + U·(Dᵀ·A′)·(A′ᵀA′)⁻¹
            LayerAlgebra.TN<T>(activation, moved, product, k, n, k);
            LayerAlgebra.NN<T>(u, product, newU, m, k, k);
            LayerAlgebra.TN<T>(moved, moved, gram, k, n, k);
            if (!GramSolver.Factor<T>(gram, factor, k))
            {
                return GroupActionResult.Undefined;
            }

            GramSolver.SolveRows<T>(gram, factor, k, newU, m, GramSolver.Refinements, refine);
        }
        else
        {
            // U′ = U + (U·Dᵀ)·(A′A′ᵀ)⁻¹·A′
            LayerAlgebra.NT<T>(u, activation, product, m, k, n);
            LayerAlgebra.NT<T>(moved, moved, gram, n, k, n);
            if (!GramSolver.Factor<T>(gram, factor, n))
            {
                return GroupActionResult.Undefined;
            }

            GramSolver.SolveRows<T>(gram, factor, n, product, m, GramSolver.Refinements, refine);
            LayerAlgebra.NN<T>(product, moved, newU, m, n, k);
        }

        LayerAlgebra.AddTo<T>(u, newU);

        // V′ = g·V, b′ = g·b
        LayerAlgebra.NN(g, layer.V, newV, k, k, d);
        if (layer.HasBias)
        {
            LayerAlgebra.NN(g, layer.B, newB, k, k, 1);
        }

        return CommitIfFinite(newV, newB, newU, layer);
    }
}
