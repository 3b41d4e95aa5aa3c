using System;
using System.Numerics;
using System.Numerics.Tensors;
using Teleport.LinearAlgebra;

namespace Teleport.Runtime.Tests.Teleportation;

internal sealed partial class TinyMlp<T, TActivation, TDerivative, TSecond, TInverse>
{
    /// <summary>Z = X·Vᵀ + 1bᵀ, A = σ(Z), O = A·Uᵀ + 1cᵀ, E = O − Y (E = O without targets).</summary>
    private void Forward(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
    {
        Grow(inputs.Length / d);
        Affine(inputs, V, B, z, batch, d, k);
        Map<TActivation>(z, a);
        Affine(a, U, C, output, batch, k, m);
        output.CopyTo(error.AsSpan());
        if (!targets.IsEmpty)
        {
            TensorPrimitives.Subtract(output, targets, error);
        }
    }

    /// <summary>Reverse mode from the last forward pass: gradient ← ∂L/∂θ; keeps E′ = 2E/(nm), δA and δZ.</summary>
    private void Backward(ReadOnlySpan<T> inputs, Span<T> gradient)
    {
        // E′ = 2(O − Y)/(nm);  G_U = E′ᵀ·A;  G_c = colsum E′;  δA = E′·U;  δZ = δA ⊙ σ′(Z);  G_V = δZᵀ·X;  G_b = colsum δZ
        TensorPrimitives.Multiply<T>(error, T.CreateTruncating(2.0 / (batch * m)), scaledError);
        SmallMatrix.MultiplyTN<T>(scaledError, a, gradient.Slice(k * d + k, m * k), m, batch, k);
        ColumnSums(scaledError, gradient.Slice(k * d + k + m * k, m), batch, m);
        SmallMatrix.MultiplyNN<T>(scaledError, U, deltaA, batch, m, k);
        Map<TDerivative>(z, deltaZ);
        TensorPrimitives.Multiply<T>(deltaZ, deltaA, deltaZ);
        SmallMatrix.MultiplyTN<T>(deltaZ, inputs, gradient[..(k * d)], k, batch, d);
        ColumnSums(deltaZ, gradient.Slice(k * d, k), batch, k);
    }

    /// <summary>Pearlmutter's R-operator: result ← H·v at the point of the last forward and backward passes.</summary>
    private void Tangent(ReadOnlySpan<T> inputs, ReadOnlySpan<T> v, Span<T> result)
    {
        ReadOnlySpan<T> vV = v[..(k * d)], vB = v.Slice(k * d, k), vU = v.Slice(k * d + k, m * k), vC = v.Slice(k * d + k + m * k, m);
        Span<T> nk = scratch.AsSpan(0, batch * k), mk = scratch.AsSpan(0, m * k);

        // R{Z} = X·vVᵀ + 1·vbᵀ;  R{A} = σ′(Z) ⊙ R{Z};  R{O} = R{A}·Uᵀ + A·vUᵀ + 1·vcᵀ;  R{E′} = 2·R{O}/(nm)
        Affine(inputs, vV, vB, rz, batch, d, k);
        Map<TDerivative>(z, ra);
        TensorPrimitives.Multiply<T>(ra, rz, ra);
        Affine(a, vU, vC, rOutput, batch, k, m);
        SmallMatrix.MultiplyNT<T>(ra, U, rError, batch, k, m);
        TensorPrimitives.Add<T>(rOutput, rError, rOutput);
        TensorPrimitives.Multiply<T>(rOutput, T.CreateTruncating(2.0 / (batch * m)), rError);

        // R{G_U} = R{E′}ᵀ·A + E′ᵀ·R{A};  R{G_c} = colsum R{E′}
        Span<T> gradU = result.Slice(k * d + k, m * k);
        SmallMatrix.MultiplyTN<T>(rError, a, gradU, m, batch, k);
        SmallMatrix.MultiplyTN<T>(scaledError, ra, mk, m, batch, k);
        TensorPrimitives.Add<T>(gradU, mk, gradU);
        ColumnSums(rError, result.Slice(k * d + k + m * k, m), batch, m);

        // R{δA} = R{E′}·U + E′·vU;  R{δZ} = R{δA} ⊙ σ′(Z) + δA ⊙ σ″(Z) ⊙ R{Z}
        SmallMatrix.MultiplyNN<T>(rError, U, rDeltaA, batch, m, k);
        SmallMatrix.MultiplyNN<T>(scaledError, vU, nk, batch, m, k);
        TensorPrimitives.Add<T>(rDeltaA, nk, rDeltaA);
        Map<TDerivative>(z, rDeltaZ);
        TensorPrimitives.Multiply<T>(rDeltaZ, rDeltaA, rDeltaZ);
        Map<TSecond>(z, nk);
        TensorPrimitives.Multiply<T>(nk, deltaA, nk);
        TensorPrimitives.Multiply<T>(nk, rz, nk);
        TensorPrimitives.Add<T>(rDeltaZ, nk, rDeltaZ);

        // R{G_V} = R{δZ}ᵀ·X;  R{G_b} = colsum R{δZ}
        SmallMatrix.MultiplyTN<T>(rDeltaZ, inputs, result[..(k * d)], k, batch, d);
        ColumnSums(rDeltaZ, result.Slice(k * d, k), batch, k);
    }

    private static void Affine(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias, Span<T> y, int n, int inputs, int outputs)
    {
        SmallMatrix.MultiplyNT(x, w, y, n, inputs, outputs);
        for (int s = 0; s < n; s++)
        {
            Span<T> row = y.Slice(s * outputs, outputs);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    private static void ColumnSums(ReadOnlySpan<T> matrix, Span<T> sums, int rows, int cols)
    {
        sums.Clear();
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, matrix.Slice(r * cols, cols), sums);
        }
    }

    private static void Map<TOperator>(ReadOnlySpan<T> x, Span<T> y)
        where TOperator : Teleport.Kernels.IUnaryOperator<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = TOperator.Invoke(x[i]);
        }
    }

    private void Grow(int n)
    {
        if (n == batch)
        {
            return;
        }

        batch = n;
        (z, a, deltaA, deltaZ, rz, ra, rDeltaA, rDeltaZ) = (New(n * k), New(n * k), New(n * k), New(n * k), New(n * k), New(n * k), New(n * k), New(n * k));
        (output, error, scaledError, rOutput, rError) = (New(n * m), New(n * m), New(n * m), New(n * m), New(n * m));
        scratch = New(Math.Max(n * k, m * k));
    }

    private static T[] New(int length) => new T[length];
}
