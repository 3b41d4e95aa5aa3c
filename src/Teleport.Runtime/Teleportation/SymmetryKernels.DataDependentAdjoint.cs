using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// S3 adjoint: ∂f(g·θ)/∂T at g = I for the data-dependent GL(k) action of
    /// <see cref="DataDependentAction{T, TActivation, TInverse}"/>:
    /// result [k×k] = Y·A − Uᵀ·G_U with C = G_V·Hᵀ + G_b·1ᵀ [k×n], X = C·Gram⁻¹, Y[j,s] = X[j,s]/σ′(Z[s,j]),
    /// Gram = [H 1]·[H 1]ᵀ [n×n] (H·Hᵀ without bias). <typeparamref name="TDerivative"/> evaluates σ′.
    /// Reads G_V and H (or <see cref="HiddenLayerBlock{T}.GradVTimesHt"/> with
    /// <see cref="HiddenLayerBlock{T}.InputGram"/>), G_b, U, G_U, Z and A.
    /// Returns false (result unspecified) when the Gram matrix cannot be factored or a value is not finite.
    /// A unit whose σ′ vanishes in floating point on some sample (a saturated tanh or sigmoid unit) is
    /// held fixed: its row of the result is 0, the derivative on the subgroup that leaves that unit's
    /// activations where they are (moving them would need an infinite change of its pre-activation).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Derivation (docs/ARCHITECTURE.md, "Symmetries", S3: ∂f/∂T = [(G_{[V b]}([h;1ᵀ]⁺)ᵀ) ⊘ σ′(Z)]·σ(Z)ᵀ − Uᵀ G_U,
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
    public static bool DataDependentAdjoint<T, TDerivative>(in HiddenLayerBlock<T> layer, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : IUnaryOperator<T>
    {
        int n = layer.BatchSize, k = layer.Width, d = layer.InputSize, m = layer.NextWidth;
        layer.CheckSizes(batch: true);
        layer.CheckNextLayerGradients();
        layer.CheckForward();
        SymmetryArguments.Matrix(result.Length, k, k, nameof(result));
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent((long)k * n + 2L * n * n + 2L * k * n + k));
        Span<T> c = work.Take(k * n), gram = work.Take(n * n), factor = work.Take(n * n), refine = work.Take(GramSolver.WorkspaceLength(k, n));
        Span<T> held = work.Take(k);

        // C₀ = G_V·Hᵀ [k×n] and the input Gram H·Hᵀ [n×n], given or formed
        if (!layer.GradVTimesHt.IsEmpty)
        {
            SymmetryArguments.Matrix(layer.GradVTimesHt.Length, k, n, nameof(layer.GradVTimesHt));
            layer.GradVTimesHt.CopyTo(c);
        }
        else
        {
            SymmetryArguments.Matrix(layer.GradV.Length, k, d, nameof(layer.GradV));
            SymmetryArguments.Matrix(layer.H.Length, n, d, nameof(layer.H));
            LayerAlgebra.NT(layer.GradV, layer.H, c, k, d, n);
        }

        InputGram(layer, gram);

        // C = G_V·Hᵀ + G_b·1ᵀ [k×n]
        for (int j = 0; layer.HasBias && j < k; j++)
        {
            foreach (ref T value in c.Slice(j * n, n))
            {
                value += layer.GradB[j];
            }
        }

        // X = C·Gram⁻¹, Gram = H·Hᵀ (+ 1·1ᵀ)
        if (!FactorDataGram(gram, factor, n, layer.HasBias))
        {
            return false;
        }

        GramSolver.SolveRows<T>(gram, factor, n, c, k, IsDataFullRowRank(n, d, layer.HasBias) ? GramSolver.Refinements : 0, refine);

        if (!LayerAlgebra.AllFinite<T>(c))
        {
            return false;
        }

        // Y[j,s] = X[j,s] / σ′(Z[s,j]); a unit whose σ′ vanishes in floating point on some sample
        // (saturated: its activation cannot move) is held fixed — its row of Y and of the result is 0.
        ReadOnlySpan<T> z = layer.Z;
        for (int j = 0; j < k; j++)
        {
            Span<T> row = c.Slice(j * n, n);
            for (int s = 0; s < n; s++)
            {
                row[s] /= TDerivative.Invoke(z[s * k + j]);
            }

            bool saturated = !LayerAlgebra.AllFinite<T>(row);
            held[j] = saturated ? T.One : T.Zero;
            if (saturated)
            {
                row.Clear();
            }
        }

        // result = Y·A − Uᵀ·G_U, without the held units' rows
        LayerAlgebra.NN<T>(c, layer.A, result, k, n, k);
        LayerAlgebra.SubtractTransposeProduct(layer.U, layer.GradU, result, k, m);
        for (int j = 0; j < k; j++)
        {
            if (held[j] != T.Zero)
            {
                result.Slice(j * k, k).Clear();
            }
        }

        return LayerAlgebra.AllFinite<T>(result);
    }

    /// <summary>Whether [H 1] (or H without bias) can have full row rank: n ≤ d + 1 (n ≤ d) — S3's exactness condition.</summary>
    internal static bool IsDataFullRowRank(int n, int d, bool hasBias) => n <= d + (hasBias ? 1 : 0);

    /// <summary>gram [n×n] = H·Hᵀ: <see cref="HiddenLayerBlock{T}.InputGram"/> when given, else formed from H.</summary>
    private static void InputGram<T>(in HiddenLayerBlock<T> layer, Span<T> gram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = layer.BatchSize;
        if (!layer.InputGram.IsEmpty)
        {
            SymmetryArguments.Matrix(layer.InputGram.Length, n, n, nameof(layer.InputGram));
            layer.InputGram.CopyTo(gram);
            return;
        }

        SymmetryArguments.Matrix(layer.H.Length, n, layer.InputSize, nameof(layer.H));
        LayerAlgebra.Gram(layer.H, gram, n, layer.InputSize);
    }

    /// <summary>Gram ← H·Hᵀ (+ 1·1ᵀ with a bias) in place, and its ridge Cholesky factor; false when it cannot be factored.</summary>
    private static bool FactorDataGram<T>(Span<T> gram, Span<T> factor, int n, bool hasBias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
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
