using System;
using System.Numerics;
using System.Numerics.Tensors;
using Teleport.Kernels;
using Teleport.LinearAlgebra;

namespace Teleport.Teleportation;

public static partial class OrbitKernels
{
    /// <summary>
    /// S4 (the ICLR 2024 code's least-squares action): V(t) = e^{tM}·V, b(t) = e^{tM}·b, and U(t) = U·P(t) with
    /// P(t) = I + (A − A(t))·A(t)⁺ (paper layout, A = σ(Z) k×n, A(t) = σ(e^{tM}·Z); P = A·A(t)⁺ when n ≥ k, the
    /// code's U·σ(Z)·σ(gZ)⁺). V^(j) = M^j·V, b^(j) = M^j·b; P by Taylor jets (coefficient j = j-th derivative / j!):
    /// Z_j = M^j·Z/j!, A_1 = σ′⊙Z_1, A_2 = σ′⊙Z_2 + ½σ″⊙Z_1², A_3 = σ′⊙Z_3 + σ″⊙Z_1⊙Z_2 + ⅙σ‴⊙Z_1³;
    /// for n ≥ k, G_j = Σ_{a+b=j} A_a·A_bᵀ, C_0 = G_0⁻¹, C_j = −C_0·Σ_{i=1..j} G_i·C_{j−i}, R_j = Σ_{a+b=j} A_aᵀ·C_b
    /// (the jets of A⁺ = Aᵀ(AAᵀ)⁻¹; for n &lt; k, G_j = Σ A_aᵀ·A_b and R_j = Σ C_a·A_bᵀ, of A⁺ = (AᵀA)⁻¹Aᵀ);
    /// then P_j = −Σ_{a=1..j} A_a·R_{j−a} and P^(j) = j!·P_j. Reads V, b, Z, A and the sizes; the operators evaluate
    /// σ′, σ″, σ‴. Returns false when the Gram matrix cannot be factored.
    /// </summary>
    /// <param name="layer">V, b, Z and A [n×k], the sizes.</param>
    /// <param name="generator">M, k×k.</param>
    /// <param name="jet">The derivatives written.</param>
    /// <param name="activationCurvature">False drops the σ″ and σ‴ terms (the notes' "S₀ locally constant", exact for LeakyReLU).</param>
    /// <remarks>
    /// The notes' closed form for the curvature teleport (generalization-and-meta-learning.md A5), with the σ″ and
    /// σ‴ terms the paper drops, and for n &lt; k the increment form of <see cref="SymmetryKernels.LeastSquaresAction{T, TActivation}"/>.
    /// C_0 comes from a Cholesky solve with the ridge of <c>GramSolver</c> and iterative refinement.
    /// Cost: about 10 products of n×k by k×k (or n×n) matrices and one s×s inverse, s = min(n, k).
    /// </remarks>
    public static bool LeastSquaresOrbit<T, TDerivative, TSecondDerivative, TThirdDerivative>(in HiddenLayerBlock<T> layer, ReadOnlySpan<T> generator, in OrbitJet<T> jet, bool activationCurvature)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDerivative : IUnaryOperator<T>
        where TSecondDerivative : IUnaryOperator<T>
        where TThirdDerivative : IUnaryOperator<T>
    {
        int n = layer.BatchSize, k = layer.Width, d = layer.InputSize, kk = k * k, nk = n * k;
        layer.CheckSizes(batch: true);
        SymmetryArguments.Matrix(layer.V.Length, k, d, nameof(layer.V));
        SymmetryArguments.Bias(layer.B.Length, k, layer.HasBias, nameof(layer.B));
        layer.CheckForward();
        SymmetryArguments.Matrix(generator.Length, k, k, nameof(generator));
        jet.Check(k, d, layer.HasBias);
        int order = jet.Order;
        bool rowsFull = n >= k;
        int s = rowsFull ? k : n, ss = s * s;
        var work = new WorkspaceCarver<T>(KernelWorkspace<T>.Rent(
            3 * kk + 10 * nk + 9 * ss + kk + GramSolver.WorkspaceLength(s, s)));
        Span<T> powers = work.Take(3 * kk), zc = work.Take(3 * nk), a = work.Take(4 * nk), r = work.Take(3 * nk);
        Span<T> g = work.Take(4 * ss), c = work.Take(4 * ss), factor = work.Take(ss), product = work.Take(kk);
        Span<T> refine = work.Take(GramSolver.WorkspaceLength(s, s));

        // V^(j) = M^j·V, b^(j) = M^j·b; Z_j = Z·(M^j)ᵀ/j!
        Powers(generator, powers, k, order);
        T factorial = T.One;
        for (int j = 1; j <= order; j++)
        {
            ReadOnlySpan<T> power = powers.Slice((j - 1) * kk, kk);
            LeftMultiply(power, layer.V, layer.B, jet.V(j), jet.B(j), k, d);
            factorial *= T.CreateTruncating(j);
            Span<T> zj = zc.Slice((j - 1) * nk, nk);
            LayerAlgebra.NT<T>(layer.Z, power, zj, n, k, k);
            TensorPrimitives.Divide(zj, factorial, zj);
        }

        // A_0 = A; A_1, A_2, A_3 (code layout n×k)
        layer.A.CopyTo(a[..nk]);
        T half = T.CreateTruncating(0.5), sixth = T.One / T.CreateTruncating(6);
        for (int i = 0; i < nk; i++)
        {
            T x = layer.Z[i], s1 = TDerivative.Invoke(x), z1 = zc[i], z2 = zc[nk + i];
            T s2 = activationCurvature ? TSecondDerivative.Invoke(x) : T.Zero;
            a[nk + i] = s1 * z1;
            a[2 * nk + i] = s1 * z2 + half * s2 * z1 * z1;
            if (order == 3)
            {
                T s3 = activationCurvature ? TThirdDerivative.Invoke(x) : T.Zero;
                a[3 * nk + i] = s1 * zc[2 * nk + i] + s2 * z1 * z2 + sixth * s3 * z1 * z1 * z1;
            }
        }

        // G_j = Σ_{p+q=j} (A_p·A_qᵀ in the paper's layout)
        for (int j = 0; j <= order; j++)
        {
            Span<T> gj = g.Slice(j * ss, ss);
            gj.Clear();
            for (int p = 0; p <= j; p++)
            {
                GramTerm(a.Slice(p * nk, nk), a.Slice((j - p) * nk, nk), product[..ss], n, k, rowsFull);
                LayerAlgebra.AddTo<T>(product[..ss], gj);
            }
        }

        // C_0 = G_0⁻¹; C_j = −C_0·Σ_{i=1..j} G_i·C_{j−i}
        if (!GramSolver.Factor<T>(g[..ss], factor, s))
        {
            return false;
        }

        Span<T> c0 = c[..ss];
        SmallMatrix.Identity(c0, s);
        GramSolver.SolveRows<T>(g[..ss], factor, s, c0, s, GramSolver.Refinements, refine);
        for (int j = 1; j <= order; j++)
        {
            Span<T> sum = c.Slice(j * ss, ss);
            sum.Clear();
            for (int i = 1; i <= j; i++)
            {
                LayerAlgebra.NN<T>(g.Slice(i * ss, ss), c.Slice((j - i) * ss, ss), product[..ss], s, s, s);
                LayerAlgebra.AddTo<T>(product[..ss], sum);
            }

            LayerAlgebra.NN<T>(c0, sum, product[..ss], s, s, s);
            TensorPrimitives.Negate(product[..ss], sum);
        }

        // R_j = Σ_{p+q=j} (A_pᵀ·C_q, or C_p·A_qᵀ), code layout n×k; j < order suffices for P
        for (int j = 0; j < order; j++)
        {
            Span<T> rj = r.Slice(j * nk, nk);
            rj.Clear();
            Span<T> term = zc[..nk];
            for (int p = 0; p <= j; p++)
            {
                if (rowsFull)
                {
                    LayerAlgebra.NN<T>(a.Slice(p * nk, nk), c.Slice((j - p) * ss, ss), term, n, k, k);
                }
                else
                {
                    LayerAlgebra.NN<T>(c.Slice(p * ss, ss), a.Slice((j - p) * nk, nk), term, n, n, k);
                }

                LayerAlgebra.AddTo<T>(term, rj);
            }
        }

        // P^(j) = −j!·Σ_{p=1..j} A_p·R_{j−p}
        factorial = T.One;
        for (int j = 1; j <= order; j++)
        {
            factorial *= T.CreateTruncating(j);
            Span<T> pj = jet.P(j);
            pj.Clear();
            for (int p = 1; p <= j; p++)
            {
                LayerAlgebra.TN<T>(a.Slice(p * nk, nk), r.Slice((j - p) * nk, nk), product, k, n, k);
                LayerAlgebra.AddTo<T>(product, pj);
            }

            TensorPrimitives.Multiply(pj, -factorial, pj);
        }

        return LayerAlgebra.AllFinite<T>(jet.P1) && LayerAlgebra.AllFinite<T>(jet.P2) && (order == 2 || LayerAlgebra.AllFinite<T>(jet.P3));
    }

    /// <summary>One Gram term of the paper's A_p·A_qᵀ: code-layout X_pᵀ·X_q [k×k] when n ≥ k, else X_p·X_qᵀ [n×n].</summary>
    private static void GramTerm<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> result, int n, int k, bool rowsFull)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rowsFull)
        {
            LayerAlgebra.TN(x, y, result, k, n, k);
        }
        else
        {
            LayerAlgebra.NT(x, y, result, n, k, n);
        }
    }
}
