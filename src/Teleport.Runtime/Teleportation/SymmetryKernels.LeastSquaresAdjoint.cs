using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// S4 adjoint: ∂f(g·θ)/∂T at g = I for the least-squares action of
    /// <see cref="LeastSquaresAction{T, TActivation}"/>. In the paper's notation (A = σ(Z) k×n,
    /// A⁺ its pseudo-inverse): result = G_V·Vᵀ + G_b·bᵀ − [(Uᵀ·G_U·(A⁺)ᵀ) ⊙ σ′(Z)]·Zᵀ; in code
    /// (Z, A [n×k]): result [k×k] = G_V·Vᵀ + G_b·bᵀ − Q·Z with Q[j,s] = (Uᵀ·G_U·P)[j,s]·σ′(Z[s,j]) and
    /// P = (AᵀA)⁻¹Aᵀ [k×n] when n ≥ k, P = Aᵀ(AAᵀ)⁻¹ when n &lt; k. <typeparamref name="TDerivative"/>
    /// evaluates σ′. Reads G_V and V (or <see cref="HiddenLayerBlock{T}.GradVTimesVt"/>), G_b, b, U,
    /// G_U, Z and A. Returns false (result unspecified) when the Gram matrix cannot be factored or a
    /// value is not finite.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Derivation (docs/ARCHITECTURE.md, "Symmetries", S4), in the paper's notation with Z, A = σ(Z) k×n:
    /// the action is V → gV, b → gb, U → U + U·(A − A′)·A′⁺ with A′ = σ(gZ). With g = I + εT,
    /// δV = TV and δb = Tb (as S1, giving G_V·Vᵀ + G_b·bᵀ), and δA = σ′(Z) ⊙ (T·Z) =: M, so
    /// δU = −U·M·A⁺ (the A′⁺ factor's own variation is multiplied by A − A′ = 0 at g = I).
    /// Then ⟨G_U, −U·M·A⁺⟩ = −tr(G_Uᵀ·U·M·A⁺) = −⟨Uᵀ·G_U·(A⁺)ᵀ, M⟩ = −⟨(Uᵀ·G_U·(A⁺)ᵀ) ⊙ σ′(Z), T·Z⟩
    /// = −⟨[(Uᵀ·G_U·(A⁺)ᵀ) ⊙ σ′(Z)]·Zᵀ, T⟩.
    /// </para>
    /// <para>
    /// When A has full row rank (n ≥ k, the case of the ICLR 2024 code) A⁺ = Aᵀ(AAᵀ)⁻¹ and the action is the
    /// ICLR 2024 code's U → U·A·A′⁺. When n &lt; k, A⁺ = (AᵀA)⁻¹Aᵀ and the same formula holds for the
    /// increment form used here. In code layout (A_code = Aᵀ) this gives the two P above, each through
    /// the smaller Gram matrix (k×k or n×n) with the ridge √ε·mean(diag) + ε² and iterative
    /// refinement. Cost: n·k² (Gram) + k²·(m + n) + k³/3. Allocates nothing after warm-up.
    /// </para>
    /// </remarks>
    public static bool LeastSquaresAdjoint<T, TDerivative>(in HiddenLayerBlock<T> layer, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : IUnaryOperator<T>
    {
        int n = layer.BatchSize, k = layer.Width;
        layer.CheckSizes(batch: true);
        layer.CheckNextLayerGradients();
        SymmetryArguments.Bias(layer.B.Length, k, layer.HasBias, nameof(layer.B));
        layer.CheckForward();
        SymmetryArguments.Matrix(result.Length, k, k, nameof(result));
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent((long)k * k + LeastSquaresCorrectionLength(n, k)));
        Span<T> product = work.Take(k * k);
        if (!LeastSquaresCorrection<T, TDerivative>(layer.U, layer.GradU, layer.Z, layer.A, result, n, k, layer.NextWidth, work.Take((int)LeastSquaresCorrectionLength(n, k))))
        {
            return false;
        }

        // result = G_V·Vᵀ + G_b·bᵀ − Q·Z
        GradVTimesVt(layer, product);
        LayerAlgebra.AddTo<T>(product, result);
        LayerAlgebra.AddOuter(result, layer.GradB, layer.B, k);
        return LayerAlgebra.AllFinite<T>(result);
    }

    private static long LeastSquaresCorrectionLength(int n, int k)
    {
        int small = Math.Min(n, k);
        return (long)k * k + 2L * small * small + (long)k * n + 2L * k * small;
    }

    /// <summary>result = −[(Uᵀ·G_U·(A⁺)ᵀ) ⊙ σ′(Z)]·Zᵀ in code layout (−Q·Z), using <paramref name="workspace"/>.</summary>
    private static bool LeastSquaresCorrection<T, TDerivative>(
        ReadOnlySpan<T> u, ReadOnlySpan<T> gradU, ReadOnlySpan<T> z, ReadOnlySpan<T> a, Span<T> result,
        int n, int k, int m, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : IUnaryOperator<T>
    {
        int small = Math.Min(n, k), kk = k * k;
        var work = new WorkspaceCarver<T>(workspace);
        Span<T> product = work.Take(kk);
        Span<T> gram = work.Take(small * small), factor = work.Take(small * small);
        Span<T> q = work.Take(k * n), refine = work.Take(GramSolver.WorkspaceLength(k, small));

        // K = Uᵀ·G_U [k×k]
        LayerAlgebra.TN(u, gradU, product, k, m, k);
        if (n >= k)
        {
            // Q = K·(AᵀA)⁻¹·Aᵀ: solve with the k×k Gram AᵀA, then multiply by Aᵀ
            LayerAlgebra.TN(a, a, gram, k, n, k);
            if (!GramSolver.Factor<T>(gram, factor, k))
            {
                return false;
            }

            GramSolver.SolveRows<T>(gram, factor, k, product, k, GramSolver.Refinements, refine);
            LayerAlgebra.NT<T>(product, a, q, k, k, n);
        }
        else
        {
            // Q = K·Aᵀ·(AAᵀ)⁻¹: multiply by Aᵀ, then solve with the n×n Gram AAᵀ
            LayerAlgebra.NT<T>(product, a, q, k, k, n);
            LayerAlgebra.Gram(a, gram, n, k);
            if (!GramSolver.Factor<T>(gram, factor, n))
            {
                return false;
            }

            GramSolver.SolveRows<T>(gram, factor, n, q, k, GramSolver.Refinements, refine);
        }

        // Q[j,s] ⊙= σ′(Z[s,j]); result = −Q·Z
        for (int j = 0; j < k; j++)
        {
            for (int s = 0; s < n; s++)
            {
                q[j * n + s] *= TDerivative.Invoke(z[s * k + j]);
            }
        }

        LayerAlgebra.NN<T>(q, z, result, k, n, k);
        for (int i = 0; i < kk; i++)
        {
            result[i] = -result[i];
        }

        return true;
    }
}
