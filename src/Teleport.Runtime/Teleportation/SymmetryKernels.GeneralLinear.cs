using System;
using System.Numerics;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// S1 adjoint: ∂f(g·θ)/∂T at g = I for GL(k) acting on an identity layer:
    /// result [k×k] = G_V·Vᵀ + G_b·bᵀ − Uᵀ·G_U. Reads G_V and V (or <see cref="HiddenLayerBlock{T}.GradVTimesVt"/>),
    /// G_b, b, U and G_U.
    /// </summary>
    /// <remarks>
    /// Derivation (docs/ARCHITECTURE.md, "Symmetries", S1, transposed to code): with g = I + εT the action
    /// V → gV, b → gb, U → Ug⁻¹ moves the parameters by δV = TV, δb = Tb, δU = −UT. Then
    /// δf = ⟨G_V, TV⟩ + ⟨G_b, Tb⟩ − ⟨G_U, UT⟩ = Σ_{jp} T[j,p]·(Σ_l G_V[j,l]V[p,l] + G_b[j]b[p] − Σ_i U[i,j]G_U[i,p]),
    /// so ∂f/∂T = G_V·Vᵀ + G_b·bᵀ − Uᵀ·G_U. Allocates nothing.
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
        LayerAlgebra.SubtractTransposeProduct(layer.U, layer.GradU, result, k, layer.NextWidth);
    }

    /// <summary>
    /// S1 action: V → g·V, b → g·b, U → U·g⁻¹ (exact for any data on an identity layer, since
    /// Z·Uᵀ becomes Z·gᵀ·g⁻ᵀ·Uᵀ). Returns <see cref="GroupActionResult.Undefined"/>, leaving the
    /// parameters unchanged, when g is not finite or numerically singular (LU pivot test), or a new
    /// value would not be finite.
    /// </summary>
    public static GroupActionResult GeneralLinearAction<T>(ReadOnlySpan<T> g, in HiddenLayerBlock<T> layer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = layer.Width, d = layer.InputSize, m = layer.NextWidth, kk = k * k;
        CheckElement(g, kk, layer);
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(2 * kk + k * d + k + m * k));
        Span<T> lu = work.Take(kk), inverse = work.Take(kk);
        Span<T> newV = work.Take(k * d), newB = work.Take(layer.B.Length), newU = work.Take(m * k);
        if (!LayerAlgebra.TryInvert(g, k, lu, inverse, KernelWorkspace<T>.RentPivots(k)))
        {
            return GroupActionResult.Undefined;
        }

        LayerAlgebra.NN(g, layer.V, newV, k, k, d);
        if (layer.HasBias)
        {
            LayerAlgebra.NN(g, layer.B, newB, k, k, 1);
        }

        LayerAlgebra.NN(layer.U, inverse, newU, m, k, k);
        return CommitIfFinite(newV, newB, newU, layer);
    }

    /// <summary>
    /// S1 covector transport: the gradient of a loss invariant under θ → g·θ transforms by the
    /// inverse transpose of the action's linear map: G_V → g⁻ᵀ·G_V, G_b → g⁻ᵀ·G_b, G_U → G_U·gᵀ,
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
        int k = covector.Width, d = covector.InputSize, m = covector.NextWidth, kk = k * k;
        CheckElement(g, kk, covector);
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(3 * kk + k * d + k + m * k));
        Span<T> lu = work.Take(kk), inverse = work.Take(kk), forward = work.Take(kk);
        Span<T> newV = work.Take(k * d), newB = work.Take(covector.B.Length), newU = work.Take(m * k);
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

        LayerAlgebra.NT<T>(covector.U, forward, newU, m, k, k);
        return CommitIfFinite(newV, newB, newU, covector) == GroupActionResult.Applied;
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
    private static void CheckElement<T>(ReadOnlySpan<T> g, int groupLength, in HiddenLayerBlock<T> layer)
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
