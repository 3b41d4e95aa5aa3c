using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.Teleportation;

/// <summary>
/// Orbit derivatives of the four symmetries S1–S4 for one hidden layer: the first three derivatives at t = 0 of
/// γ(t) = exp(tM)·θ (Zhao et al. 2024, the curve whose curvature κ = √(‖γ′‖²‖γ″‖² − ⟨γ′,γ″⟩²)/‖γ′‖³ is the paper's
/// orbit curvature), written into an <see cref="OrbitJet{T}"/>. Generated networks call them with the layer's
/// <see cref="HiddenLayerBlock{T}"/> and the derived scalar functions the action needs as operator structs; they
/// compose the layers' jets with <see cref="ComposeRightFactor{T}"/>.
/// </summary>
/// <remarks>
/// Notation as in <see cref="SymmetryKernels"/> (row-major: V [k×d], b [k], U [m×k], H [n×d], Z = H·Vᵀ + 1·bᵀ,
/// A = σ(Z) [n×k]); M is k×k (GL(k)) or k values (the diagonal group). Scratch memory is per thread and grown once;
/// nothing is allocated after warm-up.
/// </remarks>
public static partial class OrbitKernels
{
    /// <summary>
    /// S1 (GL(k) on an identity layer): V(t) = e^{tM}·V, b(t) = e^{tM}·b, U(t) = U·e^{−tM}, so
    /// V^(j) = M^j·V, b^(j) = M^j·b and P^(j) = (−M)^j. Reads V and b.
    /// </summary>
    public static void GeneralLinearOrbit<T>(in HiddenLayerBlock<T> layer, ReadOnlySpan<T> generator, in OrbitJet<T> jet)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = layer.Width, d = layer.InputSize, kk = k * k;
        layer.CheckSizes(batch: false);
        SymmetryArguments.Matrix(layer.V.Length, k, d, nameof(layer.V));
        SymmetryArguments.Bias(layer.B.Length, k, layer.HasBias, nameof(layer.B));
        SymmetryArguments.Matrix(generator.Length, k, k, nameof(generator));
        jet.Check(k, d, layer.HasBias);
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(3 * kk));
        Span<T> powers = work.Take(3 * kk);
        Powers(generator, powers, k, jet.Order);
        for (int j = 1; j <= jet.Order; j++)
        {
            ReadOnlySpan<T> power = powers.Slice((j - 1) * kk, kk);
            LeftMultiply(power, layer.V, layer.B, jet.V(j), jet.B(j), k, d);
            NegatedPower(power, jet.P(j), j);
        }
    }

    /// <summary>
    /// S2 (positive diagonal scaling): the diagonal case of S1 with M = diag(m): V^(j) = diag(m)^j·V,
    /// b^(j) = m^j ⊙ b, P^(j) = diag(−m)^j. Reads V and b; <paramref name="generator"/> holds the k values m.
    /// </summary>
    public static void DiagonalOrbit<T>(in HiddenLayerBlock<T> layer, ReadOnlySpan<T> generator, in OrbitJet<T> jet)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = layer.Width, d = layer.InputSize;
        layer.CheckSizes(batch: false);
        SymmetryArguments.Matrix(layer.V.Length, k, d, nameof(layer.V));
        SymmetryArguments.Bias(layer.B.Length, k, layer.HasBias, nameof(layer.B));
        SymmetryArguments.Matrix(generator.Length, k, 1, nameof(generator));
        jet.Check(k, d, layer.HasBias);
        for (int order = 1; order <= jet.Order; order++)
        {
            Span<T> v = jet.V(order), b = jet.B(order), p = jet.P(order);
            p.Clear();
            for (int i = 0; i < k; i++)
            {
                T power = T.One;
                for (int e = 0; e < order; e++)
                {
                    power *= generator[i];
                }

                TensorPrimitives.Multiply(layer.V.Slice(i * d, d), power, v.Slice(i * d, d));
                if (layer.HasBias)
                {
                    b[i] = power * layer.B[i];
                }

                p[i * k + i] = order % 2 == 1 ? -power : power;
            }
        }
    }

    /// <summary>
    /// The product rule on a weight matrix W that one symmetry moves as its U (W(t) = W·P(t)) and the next layer's
    /// symmetry as its V (W(t) = L(t), L(0) = W): on entry <paramref name="w1"/>…<paramref name="w3"/> hold L′, L″, L‴
    /// (zero when no symmetry moves W as a V); on return the derivatives of L(t)·P(t):
    /// W′ = L′ + W·P′, W″ = L″ + 2·L′·P′ + W·P″, W‴ = L‴ + 3·L″·P′ + 3·L′·P″ + W·P‴.
    /// With <paramref name="perPairSum"/> the cross terms are left out (W^(j) = L^(j) + W·P^(j), the paper's sums).
    /// <paramref name="w3"/> may be empty (second order).
    /// </summary>
    /// <remarks>
    /// This is the derivative of the composed action when the earlier symmetry keeps the later one's layer input on
    /// its orbit: exact symmetries (S1, S2) on any data, and S3 (whose U-side factor moves h to e^{tM}·h) when its
    /// batch is within its exact limit and h has full row rank, so that (e^{tM}h)⁺ = h⁺·e^{−tM}.
    /// </remarks>
    public static void ComposeRightFactor<T>(ReadOnlySpan<T> u, in OrbitJet<T> factor, Span<T> w1, Span<T> w2, Span<T> w3, int m, int k, bool perPairSum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SymmetryArguments.Matrix(u.Length, m, k, nameof(u));
        SymmetryArguments.Matrix(w1.Length, m, k, nameof(w1));
        SymmetryArguments.Matrix(w2.Length, m, k, nameof(w2));
        bool third = !w3.IsEmpty;
        if (third)
        {
            SymmetryArguments.Matrix(w3.Length, m, k, nameof(w3));
        }

        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(m * k));
        Span<T> product = work.Take(m * k);
        if (third)
        {
            // W‴ = L‴ + 3·L″·P′ + 3·L′·P″ + W·P‴ (before L″ and L′ are overwritten)
            AddProduct(u, factor.P3, w3, product, m, k, T.One);
            if (!perPairSum)
            {
                AddProduct(w2, factor.P1, w3, product, m, k, T.CreateTruncating(3));
                AddProduct(w1, factor.P2, w3, product, m, k, T.CreateTruncating(3));
            }
        }

        AddProduct(u, factor.P2, w2, product, m, k, T.One);
        if (!perPairSum)
        {
            AddProduct(w1, factor.P1, w2, product, m, k, T.CreateTruncating(2));
        }

        AddProduct(u, factor.P1, w1, product, m, k, T.One);
    }

    /// <summary>M, M², M³ (up to <paramref name="order"/>) into consecutive k×k blocks.</summary>
    internal static void Powers<T>(ReadOnlySpan<T> m, Span<T> powers, int k, int order)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kk = k * k;
        m[..kk].CopyTo(powers);
        for (int j = 2; j <= order; j++)
        {
            LayerAlgebra.NN<T>(powers.Slice((j - 2) * kk, kk), m, powers.Slice((j - 1) * kk, kk), k, k, k);
        }
    }

    /// <summary>v = M^j·V, b = M^j·b.</summary>
    internal static void LeftMultiply<T>(ReadOnlySpan<T> power, ReadOnlySpan<T> v, ReadOnlySpan<T> b, Span<T> vOut, Span<T> bOut, int k, int d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        LayerAlgebra.NN(power, v, vOut, k, k, d);
        if (!b.IsEmpty)
        {
            LayerAlgebra.NN(power, b, bOut, k, k, 1);
        }
    }

    /// <summary>p = (−M)^j from M^j.</summary>
    private static void NegatedPower<T>(ReadOnlySpan<T> power, Span<T> p, int j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (j % 2 == 1)
        {
            TensorPrimitives.Negate(power, p);
        }
        else
        {
            power.CopyTo(p);
        }
    }

    /// <summary>destination += scale·(left [m×k]·right [k×k]), through <paramref name="product"/>.</summary>
    private static void AddProduct<T>(ReadOnlySpan<T> left, ReadOnlySpan<T> right, Span<T> destination, Span<T> product, int m, int k, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        LayerAlgebra.NN(left, right, product, m, k, k);
        TensorPrimitives.MultiplyAdd(product, scale, destination, destination);
    }
}
