using System;
using System.Numerics;

namespace Teleport.Teleportation;

public static partial class SymmetryKernels
{
    /// <summary>
    /// S1 adjoint: ∂f(g·θ)/∂T at g = I for GL(k) acting on an identity layer:
    /// result [k×k] = G_V·Vᵀ + G_b·bᵀ − Uᵀ·G_U.
    /// </summary>
    /// <remarks>
    /// Derivation (DESIGN.md "Symmetries", S1, transposed to code): with g = I + εT the action
    /// V → gV, b → gb, U → Ug⁻¹ moves the parameters by δV = TV, δb = Tb, δU = −UT. Then
    /// δf = ⟨G_V, TV⟩ + ⟨G_b, Tb⟩ − ⟨G_U, UT⟩ = Σ_{jp} T[j,p]·(Σ_l G_V[j,l]V[p,l] + G_b[j]b[p] − Σ_i U[i,j]G_U[i,p]),
    /// so ∂f/∂T = G_V·Vᵀ + G_b·bᵀ − Uᵀ·G_U. Allocates nothing.
    /// </remarks>
    public static void GeneralLinearAdjoint<T>(
        ReadOnlySpan<T> gradV, ReadOnlySpan<T> v, ReadOnlySpan<T> gradB, ReadOnlySpan<T> b,
        ReadOnlySpan<T> u, ReadOnlySpan<T> gradU, Span<T> result, int k, int d, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBlock(gradV, v, gradB, b, u, gradU, k, d, m);
        SymmetryArguments.Matrix(result.Length, k, k, nameof(result));
        Span<T> product = KernelWorkspace<T>.Rent(k * k);
        LayerAlgebra.NT(gradV, v, product, k, d, k);
        GeneralLinearAdjointFromProduct<T>(product, gradB, b, u, gradU, result, k, m);
    }

    /// <summary>
    /// S1 action: V → g·V, b → g·b, U → U·g⁻¹ (exact for any data on an identity layer, since
    /// Z·Uᵀ becomes Z·gᵀ·g⁻ᵀ·Uᵀ). Returns false, leaving the parameters unchanged, when g is not
    /// finite or numerically singular (LU pivot test), or a new value would not be finite.
    /// </summary>
    public static bool GeneralLinearAction<T>(ReadOnlySpan<T> g, Span<T> v, Span<T> b, Span<T> u, int k, int d, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckParameters(g, k * k, v, b, u, k, d, m);
        int kk = k * k;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(2 * kk + k * d + k + m * k));
        Span<T> lu = work.Take(kk), inverse = work.Take(kk);
        Span<T> newV = work.Take(k * d), newB = work.Take(b.Length), newU = work.Take(m * k);
        if (!LayerAlgebra.TryInvert(g, k, lu, inverse, KernelWorkspace<T>.RentPivots(k)))
        {
            return false;
        }

        LayerAlgebra.NN(g, v, newV, k, k, d);
        if (!b.IsEmpty)
        {
            LayerAlgebra.NN(g, b, newB, k, k, 1);
        }

        LayerAlgebra.NN(u, inverse, newU, m, k, k);
        return CommitIfFinite(newV, newB, newU, v, b, u);
    }

    /// <summary>
    /// S1 covector transport: the gradient of a loss invariant under θ → g·θ transforms by the
    /// inverse transpose of the action's linear map: G_V → g⁻ᵀ·G_V, G_b → g⁻ᵀ·G_b, G_U → G_U·gᵀ,
    /// so that ⟨G′, g·δθ⟩ = ⟨G, δθ⟩ for every tangent vector δθ.
    /// With <paramref name="squared"/> the spans hold second moments (elementwise squares) and are
    /// transformed by the elementwise squares of those matrices, (g⁻ᵀ)∘²·v_V and v_U·(gᵀ)∘²: this
    /// is E[(Σ_p a_p G_p)²] with the cross terms E[G_p G_q], p ≠ q, dropped — the diagonal
    /// approximation, exact when g is diagonal. Returns false (unchanged) when g is not finite or singular.
    /// </summary>
    public static bool GeneralLinearTransport<T>(ReadOnlySpan<T> g, Span<T> covV, Span<T> covB, Span<T> covU, int k, int d, int m, bool squared)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckParameters(g, k * k, covV, covB, covU, k, d, m);
        int kk = k * k;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(3 * kk + k * d + k + m * k));
        Span<T> lu = work.Take(kk), inverse = work.Take(kk), forward = work.Take(kk);
        Span<T> newV = work.Take(k * d), newB = work.Take(covB.Length), newU = work.Take(m * k);
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
        LayerAlgebra.TN<T>(inverse, covV, newV, k, k, d);
        if (!covB.IsEmpty)
        {
            LayerAlgebra.TN<T>(inverse, covB, newB, k, k, 1);
        }

        LayerAlgebra.NT<T>(covU, forward, newU, m, k, k);
        return CommitIfFinite(newV, newB, newU, covV, covB, covU);
    }

    private static void Square<T>(Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (ref T value in values)
        {
            value *= value;
        }
    }

    /// <summary>Checks G_V, V, G_b, b, U, G_U of one block.</summary>
    private static void CheckBlock<T>(ReadOnlySpan<T> gradV, ReadOnlySpan<T> v, ReadOnlySpan<T> gradB, ReadOnlySpan<T> b, ReadOnlySpan<T> u, ReadOnlySpan<T> gradU, int k, int d, int m)
    {
        SymmetryArguments.Sizes(k, d, m);
        SymmetryArguments.Matrix(gradV.Length, k, d, nameof(gradV));
        SymmetryArguments.Matrix(v.Length, k, d, nameof(v));
        SymmetryArguments.OptionalVector(b.Length, k, nameof(b));
        SymmetryArguments.OptionalVector(gradB.Length, k, nameof(gradB));
        SymmetryArguments.SamePresence(b.Length, gradB.Length, nameof(b), nameof(gradB));
        SymmetryArguments.Matrix(u.Length, m, k, nameof(u));
        SymmetryArguments.Matrix(gradU.Length, m, k, nameof(gradU));
    }

    /// <summary>Checks a group element of <paramref name="groupLength"/> values and the parameters it acts on.</summary>
    private static void CheckParameters<T>(ReadOnlySpan<T> g, int groupLength, ReadOnlySpan<T> v, ReadOnlySpan<T> b, ReadOnlySpan<T> u, int k, int d, int m)
    {
        SymmetryArguments.Sizes(k, d, m);
        if (g.Length != groupLength)
        {
            throw new ArgumentException($"'g' has {g.Length} values but the group element needs {groupLength}.", nameof(g));
        }

        SymmetryArguments.Matrix(v.Length, k, d, nameof(v));
        SymmetryArguments.OptionalVector(b.Length, k, nameof(b));
        SymmetryArguments.Matrix(u.Length, m, k, nameof(u));
    }

    /// <summary>Writes the new V, b, U back if every value is finite; otherwise leaves them unchanged.</summary>
    private static bool CommitIfFinite<T>(ReadOnlySpan<T> newV, ReadOnlySpan<T> newB, ReadOnlySpan<T> newU, Span<T> v, Span<T> b, Span<T> u)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!LayerAlgebra.AllFinite(newV) || !LayerAlgebra.AllFinite(newB) || !LayerAlgebra.AllFinite(newU))
        {
            return false;
        }

        newV.CopyTo(v);
        newB.CopyTo(b);
        newU.CopyTo(u);
        return true;
    }
}
