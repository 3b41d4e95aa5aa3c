using System;
using System.Numerics;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// S1 adjoint: ∂f(g·θ)/∂T at g = I for GL(k) acting on an identity layer:
    /// result [k×k] = G_V·Vᵀ + G_b·bᵀ − Uᵀ·G_U (with column groups of r: − Σ_{s&lt;r} U_sᵀ·G_U,s, U_s the columns
    /// j·r + s). Reads G_V and V (or <see cref="HiddenLayerBlock{T}.GradVTimesVt"/>), G_b, b, U and G_U.
    /// </summary>
    /// <remarks>
    /// Derivation (docs/ARCHITECTURE.md, "Symmetries", S1, transposed to code): with g = I + εT the action
    /// V → gV, b → gb, U → Ug⁻¹ moves the parameters by δV = TV, δb = Tb, δU = −UT. Then
    /// δf = ⟨G_V, TV⟩ + ⟨G_b, Tb⟩ − ⟨G_U, UT⟩ = Σ_{jp} T[j,p]·(Σ_l G_V[j,l]V[p,l] + G_b[j]b[p] − Σ_i U[i,j]G_U[i,p]),
    /// so ∂f/∂T = G_V·Vᵀ + G_b·bᵀ − Uᵀ·G_U. With column groups the action is U → U·(g⁻¹ ⊗ I_r), so
    /// δU[i, j·r+s] = −Σ_p U[i, p·r+s]·T[p,j] and the last term sums over s. Allocates nothing after the first call.
    /// </remarks>
    public static void GeneralLinearAdjoint<T>(in HiddenLayerBlock<T> layer, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = layer.Width;
        layer.CheckSizes(batch: false);
        layer.CheckNextLayerGradients();
        SymmetryArguments.Bias(layer.B.Length, k, layer.HasBias, nameof(layer.B));
        SymmetryArguments.Matrix(result.Length, k, k, nameof(result));
        GradVTimesVt(layer, result);
        LayerAlgebra.AddOuter(result, layer.GradB, layer.B, k);
        if (layer.UColumnGroup == 1)
        {
            LayerAlgebra.SubtractTransposeProduct(layer.U, layer.GradU, result, k, layer.NextWidth);
        }
        else
        {
            LayerAlgebra.SubtractGroupedTransposeProduct(layer.U, layer.GradU, result, k, layer.NextWidth, layer.UColumnGroup);
        }
    }

    /// <summary>
    /// S1 action: V → g·V, b → g·b, U → U·g⁻¹ (exact for any data on an identity layer, since
    /// Z·Uᵀ becomes Z·gᵀ·g⁻ᵀ·Uᵀ; with column groups U → U·(g⁻¹ ⊗ I_r): each row's [k×r] block U_i → g⁻ᵀ·U_i). Returns <see cref="GroupActionResult.Undefined"/>, leaving the
    /// parameters unchanged, when g is not finite or numerically singular (LU pivot test), or a new
    /// value would not be finite.
    /// </summary>
    public static GroupActionResult GeneralLinearAction<T>(ReadOnlySpan<T> g, in HiddenLayerBlock<T> layer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckElement(g, (long)layer.Width * layer.Width, layer);
        int k = layer.Width, d = layer.InputSize, m = layer.NextWidth, kk = k * k, uLength = m * layer.UColumns;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(2L * kk + (long)k * d + k + uLength));
        Span<T> lu = work.Take(kk), inverse = work.Take(kk);
        Span<T> newV = work.Take(k * d), newB = work.Take(layer.B.Length), newU = work.Take(uLength);
        if (!LayerAlgebra.TryInvert(g, k, lu, inverse, KernelWorkspace<T>.RentPivots(k)))
        {
            return GroupActionResult.Undefined;
        }

        LayerAlgebra.NN(g, layer.V, newV, k, k, d);
        if (layer.HasBias)
        {
            LayerAlgebra.NN(g, layer.B, newB, k, k, 1);
        }

        MultiplyColumnGroups(layer.U, inverse, transpose: true, newU, m, k, layer.UColumnGroup);
        return CommitIfFinite(newV, newB, newU, layer);
    }

    /// <summary>
    /// S1 covector transport: the gradient of a loss invariant under θ → g·θ transforms by the
    /// inverse transpose of the action's linear map: G_V → g⁻ᵀ·G_V, G_b → g⁻ᵀ·G_b, G_U → G_U·gᵀ
    /// (with column groups G_U → G_U·(gᵀ ⊗ I_r): each row's [k×r] block G_U,i → g·G_U,i),
    /// so that ⟨G′, g·δθ⟩ = ⟨G, δθ⟩ for every tangent vector δθ. The covector's blocks are
    /// <paramref name="covector"/>'s V, b and U, transformed in place.
    /// With <paramref name="squared"/> they hold second moments (elementwise squares) and are
    /// transformed by the elementwise squares of those matrices, (g⁻ᵀ)∘²·v_V and v_U·(gᵀ)∘²: this
    /// is E[(Σ_p a_p G_p)²] with the cross terms E[G_p G_q], p ≠ q, dropped — the diagonal
    /// approximation, exact when g is diagonal. Returns false (unchanged) when g is not finite or singular.
    /// </summary>
    public static bool GeneralLinearTransport<T>(ReadOnlySpan<T> g, in HiddenLayerBlock<T> covector, bool squared)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckElement(g, (long)covector.Width * covector.Width, covector);
        int k = covector.Width, d = covector.InputSize, m = covector.NextWidth, kk = k * k, uLength = m * covector.UColumns;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(3L * kk + (long)k * d + k + uLength, nameof(covector)));
        Span<T> lu = work.Take(kk), inverse = work.Take(kk), forward = work.Take(kk);
        Span<T> newV = work.Take(k * d), newB = work.Take(covector.B.Length), newU = work.Take(uLength);
        if (!LayerAlgebra.TryInvert(g, k, lu, inverse, KernelWorkspace<T>.RentPivots(k)))
        {
            return false;
        }

        g[..kk].CopyTo(forward);
        if (squared)
        {
            Square(inverse);
            Square(forward);
        }

        // G_V′ = g⁻ᵀ·G_V, G_b′ = g⁻ᵀ·G_b, G_U′ = G_U·gᵀ (or their elementwise-squared forms)
        LayerAlgebra.TN<T>(inverse, covector.V, newV, k, k, d);
        if (covector.HasBias)
        {
            LayerAlgebra.TN<T>(inverse, covector.B, newB, k, k, 1);
        }

        MultiplyColumnGroups<T>(covector.U, forward, transpose: false, newU, m, k, covector.UColumnGroup);
        return CommitIfFinite(newV, newB, newU, covector) == GroupActionResult.Applied;
    }

    /// <summary>
    /// The U part of an S1 action or transport: newU = U·(M ⊗ I_r) when <paramref name="transpose"/> (the action,
    /// M = g⁻¹), else U·(Mᵀ ⊗ I_r) (the transport, M = g). With r = 1 that is U·M or U·Mᵀ [m×k]; with r &gt; 1 each
    /// row's [k×r] block U_i (unit j's columns in row j) becomes Mᵀ·U_i or M·U_i.
    /// </summary>
    private static void MultiplyColumnGroups<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> matrix, bool transpose, Span<T> newU, int m, int k, int r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (r == 1)
        {
            if (transpose) LayerAlgebra.NN(u, matrix, newU, m, k, k);
            else LayerAlgebra.NT(u, matrix, newU, m, k, k);
            return;
        }

        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> block = u.Slice(i * k * r, k * r);
            Span<T> target = newU.Slice(i * k * r, k * r);
            if (transpose) LayerAlgebra.TN(matrix, block, target, k, k, r);
            else LayerAlgebra.NN(matrix, block, target, k, k, r);
        }
    }

    private static void Square<T>(Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (ref T value in values)
        {
            value *= value;
        }
    }

    /// <summary>result [k×k] = G_V·Vᵀ, given (<see cref="HiddenLayerBlock{T}.GradVTimesVt"/>) or formed from G_V and V.</summary>
    private static void GradVTimesVt<T>(in HiddenLayerBlock<T> layer, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = layer.Width, d = layer.InputSize;
        if (!layer.GradVTimesVt.IsEmpty)
        {
            SymmetryArguments.Matrix(layer.GradVTimesVt.Length, k, k, nameof(layer.GradVTimesVt));
            layer.GradVTimesVt.CopyTo(result);
            return;
        }

        SymmetryArguments.Matrix(layer.GradV.Length, k, d, nameof(layer.GradV));
        SymmetryArguments.Matrix(layer.V.Length, k, d, nameof(layer.V));
        LayerAlgebra.NT(layer.GradV, layer.V, result, k, d, k);
    }

    /// <summary>Checks a group element of <paramref name="groupLength"/> values and the parameters it acts on.</summary>
    private static void CheckElement<T>(ReadOnlySpan<T> g, long groupLength, in HiddenLayerBlock<T> layer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        layer.CheckParameters();
        if (g.Length != groupLength)
        {
            throw new ArgumentException($"'g' has {g.Length} values but the group element needs {groupLength}.", nameof(g));
        }
    }

    /// <summary>Writes the new V, b, U back if every value is finite (<see cref="GroupActionResult.Applied"/>); otherwise leaves them unchanged.</summary>
    private static GroupActionResult CommitIfFinite<T>(ReadOnlySpan<T> newV, ReadOnlySpan<T> newB, ReadOnlySpan<T> newU, in HiddenLayerBlock<T> layer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!LayerAlgebra.AllFinite(newV) || !LayerAlgebra.AllFinite(newB) || !LayerAlgebra.AllFinite(newU))
        {
            return GroupActionResult.Undefined;
        }

        newV.CopyTo(layer.V);
        newB.CopyTo(layer.B);
        newU.CopyTo(layer.U);
        return GroupActionResult.Applied;
    }
}
