using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    // The adjoints touch V only through G_V·Vᵀ (S1, S4), its diagonal (S2), or G_V·Hᵀ and the input
    // Gram H·Hᵀ (S3). These "from products" forms take those products ready-made, so a caller that
    // knows them more cheaply — the input layer in a teleport session, where G_V·Vᵀ = R{δZ}ᵀ·(X·Vᵀ)
    // and G_V·Xᵀ = R{δZ}ᵀ·(X·Xᵀ) — never touches the wide d-dimensional side. The plain forms
    // compute the products and call these.

    /// <summary>S1 adjoint from P = G_V·Vᵀ [k×k]: result = P + G_b·bᵀ − Uᵀ·G_U.</summary>
    public static void GeneralLinearAdjointFromProduct<T>(
        ReadOnlySpan<T> gradVTimesVt, ReadOnlySpan<T> gradB, ReadOnlySpan<T> b,
        ReadOnlySpan<T> u, ReadOnlySpan<T> gradU, Span<T> result, int k, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SymmetryArguments.Matrix(gradVTimesVt.Length, k, k, nameof(gradVTimesVt));
        SymmetryArguments.Matrix(result.Length, k, k, nameof(result));
        gradVTimesVt.CopyTo(result);
        LayerAlgebra.AddOuter(result, gradB, b, k);
        LayerAlgebra.SubtractTransposeProduct(u, gradU, result, k, m);
    }

    /// <summary>S2 adjoint from p_j = Σ_l G_V[j,l]·V[j,l] (k values): t_j = p_j + G_b[j]·b[j] − Σ_i U[i,j]·G_U[i,j].</summary>
    public static void DiagonalAdjointFromProduct<T>(
        ReadOnlySpan<T> gradVDotV, ReadOnlySpan<T> gradB, ReadOnlySpan<T> b,
        ReadOnlySpan<T> u, ReadOnlySpan<T> gradU, Span<T> result, int k, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SymmetryArguments.Matrix(gradVDotV.Length, k, 1, nameof(gradVDotV));
        SymmetryArguments.Matrix(result.Length, k, 1, nameof(result));
        for (int j = 0; j < k; j++)
            result[j] = b.IsEmpty ? gradVDotV[j] : gradVDotV[j] + gradB[j] * b[j];
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> uRow = u.Slice(i * k, k), gRow = gradU.Slice(i * k, k);
            for (int j = 0; j < k; j++) result[j] -= uRow[j] * gRow[j];
        }
    }

    /// <summary>
    /// S4 adjoint from P = G_V·Vᵀ [k×k]: result = P + G_b·bᵀ − [(Uᵀ·G_U·(A⁺)ᵀ) ⊙ σ′(Z)]·Zᵀ
    /// (see <see cref="LeastSquaresAdjoint{T, TDerivative}"/> for the derivation).
    /// </summary>
    public static bool LeastSquaresAdjointFromProduct<T, TDerivative>(
        ReadOnlySpan<T> gradVTimesVt, ReadOnlySpan<T> gradB, ReadOnlySpan<T> b,
        ReadOnlySpan<T> u, ReadOnlySpan<T> gradU, ReadOnlySpan<T> z, ReadOnlySpan<T> a, Span<T> result,
        int n, int k, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : IUnaryOperator<T>
    {
        SymmetryArguments.Matrix(gradVTimesVt.Length, k, k, nameof(gradVTimesVt));
        SymmetryArguments.Matrix(z.Length, n, k, nameof(z));
        SymmetryArguments.Matrix(a.Length, n, k, nameof(a));
        SymmetryArguments.Matrix(result.Length, k, k, nameof(result));
        if (!LeastSquaresCorrection<T, TDerivative>(u, gradU, z, a, result, n, k, m, KernelWorkspace<T>.Rent(LeastSquaresCorrectionLength(n, k)))) return false;
        // result holds −Q·Z; add P + G_b·bᵀ
        LayerAlgebra.AddTo(gradVTimesVt, result);
        LayerAlgebra.AddOuter(result, gradB, b, k);
        return LayerAlgebra.AllFinite<T>(result);
    }

    /// <summary>
    /// S3 adjoint from C₀ = G_V·Hᵀ [k×n] and the input Gram H·Hᵀ [n×n] (without the bias's 1·1ᵀ):
    /// C = C₀ + G_b·1ᵀ, X = C·Gram⁻¹, Y = X ⊘ σ′(Z)ᵀ, result = Y·A − Uᵀ·G_U
    /// (see <see cref="DataDependentAdjoint{T, TDerivative}"/> for the derivation).
    /// </summary>
    public static bool DataDependentAdjointFromProducts<T, TDerivative>(
        ReadOnlySpan<T> gradVTimesHt, ReadOnlySpan<T> gradB, ReadOnlySpan<T> u, ReadOnlySpan<T> gradU,
        ReadOnlySpan<T> inputGram, ReadOnlySpan<T> z, ReadOnlySpan<T> a, Span<T> result,
        int n, int k, int d, int m, bool hasBias)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : IUnaryOperator<T>
    {
        SymmetryArguments.Sizes(k, d, m, n);
        SymmetryArguments.Matrix(gradVTimesHt.Length, k, n, nameof(gradVTimesHt));
        SymmetryArguments.Bias(gradB.Length, k, hasBias, nameof(gradB));
        SymmetryArguments.Matrix(inputGram.Length, n, n, nameof(inputGram));
        SymmetryArguments.Matrix(z.Length, n, k, nameof(z));
        SymmetryArguments.Matrix(a.Length, n, k, nameof(a));
        SymmetryArguments.Matrix(result.Length, k, k, nameof(result));
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(DataDependentAdjointLength(n, k)));
        Span<T> c = work.Take(k * n), gram = work.Take(n * n);
        gradVTimesHt.CopyTo(c);
        inputGram.CopyTo(gram);
        return DataDependentAdjointCore<T, TDerivative>(c, gram, gradB, u, gradU, z, a, result, n, k, d, m, hasBias, work.Rest());
    }

    private static int DataDependentAdjointLength(int n, int k) => k * n + 2 * n * n + GramSolver.WorkspaceLength(k, n);

    /// <summary>
    /// The S3 adjoint given C₀ = G_V·Hᵀ in <paramref name="c"/> and H·Hᵀ in <paramref name="gram"/>
    /// (both overwritten); <paramref name="workspace"/> holds n² + GramSolver.WorkspaceLength(k, n) values.
    /// </summary>
    private static bool DataDependentAdjointCore<T, TDerivative>(
        Span<T> c, Span<T> gram, ReadOnlySpan<T> gradB, ReadOnlySpan<T> u, ReadOnlySpan<T> gradU,
        ReadOnlySpan<T> z, ReadOnlySpan<T> a, Span<T> result, int n, int k, int d, int m, bool hasBias, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : IUnaryOperator<T>
    {
        var work = new WorkspaceCarver<T>(workspace);
        Span<T> factor = work.Take(n * n), refine = work.Take(GramSolver.WorkspaceLength(k, n));

        // C = G_V·Hᵀ + G_b·1ᵀ [k×n]
        if (hasBias)
            for (int j = 0; j < k; j++)
                foreach (ref T value in c.Slice(j * n, n)) value += gradB[j];

        // X = C·Gram⁻¹, Gram = H·Hᵀ (+ 1·1ᵀ)
        if (hasBias)
            foreach (ref T value in gram) value += T.One;
        if (!GramSolver.Factor<T>(gram, factor, n)) return false;
        GramSolver.SolveRows<T>(gram, factor, n, c, k, IsDataFullRowRank(n, d, hasBias) ? GramSolver.Refinements : 0, refine);

        // Y[j,s] = X[j,s] / σ′(Z[s,j]); result = Y·A − Uᵀ·G_U
        for (int j = 0; j < k; j++)
            for (int s = 0; s < n; s++)
                c[j * n + s] /= TDerivative.Invoke(z[s * k + j]);
        LayerAlgebra.NN<T>(c, a, result, k, n, k);
        LayerAlgebra.SubtractTransposeProduct(u, gradU, result, k, m);
        return LayerAlgebra.AllFinite<T>(result);
    }
}
