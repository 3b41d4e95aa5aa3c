using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

public static partial class OrbitKernels
{
    /// <summary>
    /// S3 (NeurIPS 2022 data-dependent GL(k)): U(t) = U·e^{−tM}, and the layer's pre-activation on the batch follows
    /// Z(t) = σ⁻¹(e^{tM}·σ(Z)) (paper layout; code: σ⁻¹(A·e^{tMᵀ})), which [V b] fits by least squares through
    /// [h; 1ᵀ]⁺. With Y(t) = A·e^{tMᵀ} (Y^(j) = A·(M^j)ᵀ) and f = σ⁻¹ (f^(j) written in Z: f′ = 1/σ′,
    /// f″ = −σ″/σ′³, f‴ = (3σ″² − σ′σ‴)/σ′⁵ at σ(Z)):
    /// Z′ = f′⊙Y′, Z″ = f″⊙Y′² + f′⊙Y″, Z‴ = f‴⊙Y′³ + 3f″⊙Y′⊙Y″ + f′⊙Y‴, and [V b]^(j) = Z^(j)ᵀ·([H 1]⁺)ᵀ;
    /// P^(j) = (−M)^j. Reads H, Z, A and the sizes; <typeparamref name="TInverseFirst"/>, <typeparamref name="TInverseSecond"/>,
    /// <typeparamref name="TInverseThird"/> evaluate f′, f″, f‴ at Z. Returns false when the Gram matrix cannot be factored.
    /// </summary>
    /// <param name="layer">H [n×d], Z and A [n×k], the sizes and the bias flag.</param>
    /// <param name="generator">M, k×k.</param>
    /// <param name="jet">The derivatives written.</param>
    /// <param name="activationCurvature">False drops the f″ and f‴ terms (σ″ = 0, as the paper's Eq. 60 for LeakyReLU).</param>
    /// <remarks>
    /// <para>
    /// [h; 1ᵀ]⁺ is the pseudo-inverse the paper's code takes (torch.pinverse): through the n×n Gram [H 1]·[H 1]ᵀ when
    /// n ≤ d + 1 (d without bias; the exact regime, where the curve keeps the block output on the batch), else through
    /// the (d + 1)×(d + 1) Gram [H 1]ᵀ·[H 1] (least squares: the curve leaves the level set, as the paper's pair 1
    /// does); both with Cholesky, the ridge of <c>GramSolver</c> and iterative refinement. These derivatives are those
    /// of <see cref="SymmetryKernels.DataDependentAction{T, TActivation, TInverse}"/>'s curve in its exact regime.
    /// </para>
    /// <para>Cost: one Gram (n²·d or n·d²), its factorisation, and 3 right-hand sides of k rows.</para>
    /// </remarks>
    public static bool DataDependentOrbit<T, TInverseFirst, TInverseSecond, TInverseThird>(in HiddenLayerBlock<T> layer, ReadOnlySpan<T> generator, in OrbitJet<T> jet, bool activationCurvature)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TInverseFirst : IUnaryOperator<T>
        where TInverseSecond : IUnaryOperator<T>
        where TInverseThird : IUnaryOperator<T>
    {
        int n = layer.BatchSize, k = layer.Width, d = layer.InputSize, kk = k * k, nk = n * k;
        layer.CheckSizes(batch: true);
        SymmetryArguments.Matrix(layer.H.Length, n, d, nameof(layer.H));
        layer.CheckForward();
        SymmetryArguments.Matrix(generator.Length, k, k, nameof(generator));
        jet.Check(k, d, layer.HasBias);
        int order = jet.Order, rows = order * k, augmented = d + (layer.HasBias ? 1 : 0);
        bool wide = n <= augmented;
        int size = wide ? n : augmented;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(
            3 * kk + 3 * nk + rows * n + 2 * size * size + rows * augmented + Math.Max(rows, d) * d + GramSolver.WorkspaceLength(rows, size)));
        Span<T> powers = work.Take(3 * kk), y = work.Take(3 * nk), rhs = work.Take(rows * n);
        Span<T> gram = work.Take(size * size), factor = work.Take(size * size);
        Span<T> fitted = work.Take(rows * augmented), product = work.Take(Math.Max(rows, d) * d);
        Span<T> refine = work.Take(GramSolver.WorkspaceLength(rows, size));

        // Y^(j) = A·(M^j)ᵀ; P^(j) = (−M)^j
        Powers(generator, powers, k, order);
        for (int j = 1; j <= order; j++)
        {
            LayerAlgebra.NT<T>(layer.A, powers.Slice((j - 1) * kk, kk), y.Slice((j - 1) * nk, nk), n, k, k);
            NegatedPower(powers.Slice((j - 1) * kk, kk), jet.P(j), j);
        }

        // rhs = [Z′ᵀ; Z″ᵀ; Z‴ᵀ] (k rows each, one per unit)
        ReadOnlySpan<T> z = layer.Z;
        T three = T.CreateTruncating(3);
        for (int s = 0; s < n; s++)
        {
            for (int i = 0; i < k; i++)
            {
                int at = s * k + i;
                T f1 = TInverseFirst.Invoke(z[at]);
                T f2 = activationCurvature ? TInverseSecond.Invoke(z[at]) : T.Zero;
                T y1 = y[at], y2 = y[nk + at];
                rhs[i * n + s] = f1 * y1;
                rhs[(k + i) * n + s] = f2 * y1 * y1 + f1 * y2;
                if (order == 3)
                {
                    T f3 = activationCurvature ? TInverseThird.Invoke(z[at]) : T.Zero;
                    rhs[(2 * k + i) * n + s] = f3 * y1 * y1 * y1 + three * f2 * y1 * y2 + f1 * y[2 * nk + at];
                }
            }
        }

        if (!LayerAlgebra.AllFinite<T>(rhs))
        {
            return false;
        }

        return wide
            ? ProjectThroughSampleGram(layer, rhs, rows, gram, factor, refine, jet)
            : ProjectThroughFeatureGram(layer, rhs, rows, gram, factor, fitted, product, refine, jet);
    }

    /// <summary>n ≤ d + 1: X = R·([H 1][H 1]ᵀ)⁻¹, then V^(j) = X_j·H and b^(j) = X_j·1.</summary>
    private static bool ProjectThroughSampleGram<T>(in HiddenLayerBlock<T> layer, Span<T> rhs, int rows, Span<T> gram, Span<T> factor, Span<T> refine, in OrbitJet<T> jet)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = layer.BatchSize, k = layer.Width, d = layer.InputSize;
        LayerAlgebra.Gram(layer.H, gram, n, d);
        if (layer.HasBias)
        {
            foreach (ref T value in gram)
            {
                value += T.One;
            }
        }

        if (!GramSolver.Factor<T>(gram, factor, n))
        {
            return false;
        }

        GramSolver.SolveRows<T>(gram, factor, n, rhs, rows, GramSolver.Refinements, refine);
        for (int j = 1; j <= rows / k; j++)
        {
            ReadOnlySpan<T> x = rhs.Slice((j - 1) * k * n, k * n);
            LayerAlgebra.NN(x, layer.H, jet.V(j), k, n, d);
            if (layer.HasBias)
            {
                Span<T> b = jet.B(j);
                for (int i = 0; i < k; i++)
                {
                    T sum = T.Zero;
                    foreach (T value in x.Slice(i * n, n))
                    {
                        sum += value;
                    }

                    b[i] = sum;
                }
            }
        }

        return LayerAlgebra.AllFinite<T>(rhs);
    }

    /// <summary>n &gt; d + 1: [V b]^(j) = (R_j·[H 1])·([H 1]ᵀ[H 1])⁻¹, the least-squares fit.</summary>
    private static bool ProjectThroughFeatureGram<T>(in HiddenLayerBlock<T> layer, ReadOnlySpan<T> rhs, int rows, Span<T> gram, Span<T> factor, Span<T> fitted, Span<T> product, Span<T> refine, in OrbitJet<T> jet)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = layer.BatchSize, k = layer.Width, d = layer.InputSize;
        bool bias = layer.HasBias;
        int size = d + (bias ? 1 : 0);

        // Gram = [HᵀH, Hᵀ1; 1ᵀH, n]
        Span<T> block = product[..(d * d)];
        LayerAlgebra.TN(layer.H, layer.H, block, d, n, d);
        for (int r = 0; r < d; r++)
        {
            block.Slice(r * d, d).CopyTo(gram.Slice(r * size, d));
        }

        if (bias)
        {
            for (int c = 0; c < d; c++)
            {
                T sum = T.Zero;
                for (int s = 0; s < n; s++)
                {
                    sum += layer.H[s * d + c];
                }

                gram[c * size + d] = sum;
                gram[d * size + c] = sum;
            }

            gram[d * size + d] = T.CreateTruncating(n);
        }

        if (!GramSolver.Factor<T>(gram, factor, size))
        {
            return false;
        }

        // fitted = R·[H 1] (rows × size)
        Span<T> rh = product[..(rows * d)];
        LayerAlgebra.NN(rhs, layer.H, rh, rows, n, d);
        for (int r = 0; r < rows; r++)
        {
            rh.Slice(r * d, d).CopyTo(fitted.Slice(r * size, d));
            if (bias)
            {
                T sum = T.Zero;
                foreach (T value in rhs.Slice(r * n, n))
                {
                    sum += value;
                }

                fitted[r * size + d] = sum;
            }
        }

        GramSolver.SolveRows<T>(gram, factor, size, fitted, rows, GramSolver.Refinements, refine);
        for (int j = 1; j <= rows / k; j++)
        {
            Span<T> v = jet.V(j), b = jet.B(j);
            for (int i = 0; i < k; i++)
            {
                ReadOnlySpan<T> row = fitted.Slice(((j - 1) * k + i) * size, size);
                row[..d].CopyTo(v.Slice(i * d, d));
                if (bias)
                {
                    b[i] = row[d];
                }
            }
        }

        return LayerAlgebra.AllFinite<T>(fitted);
    }
}
