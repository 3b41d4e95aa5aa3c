using System;
using System.Numerics;
using Teleport.Kernels;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// One hidden layer's parameters (V [k×d], b [k] or none, U [m×k]) and a batch H [n×d], with a
/// textbook reference for the block output σ(H·Vᵀ + 1·bᵀ)·Uᵀ.
/// </summary>
internal sealed class Block
{
    public Block(int n, int k, int d, int m, bool hasBias, double[] v, double[] b, double[] u, double[] h)
    {
        (N, K, D, M, HasBias, V, B, U, H) = (n, k, d, m, hasBias, v, b, u, h);
    }

    public int N { get; }

    public int K { get; }

    public int D { get; }

    public int M { get; }

    public bool HasBias { get; }

    public double[] V { get; }

    public double[] B { get; }

    public double[] U { get; }

    public double[] H { get; }

    /// <summary>A seeded block: V, b, U uniform in ±<paramref name="weightScale"/>, H uniform in ±1.</summary>
    public static Block Random(int seed, int n, int k, int d, int m, bool hasBias = true, double weightScale = 0.6)
    {
        var random = new Random(seed);
        double[] Draw(int count, double scale)
        {
            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = scale * (2 * random.NextDouble() - 1);
            }

            return values;
        }

        return new Block(n, k, d, m, hasBias, Draw(k * d, weightScale), Draw(hasBias ? k : 0, weightScale), Draw(m * k, weightScale), Draw(n * d, 1));
    }

    public Block Clone() => new(N, K, D, M, HasBias, (double[])V.Clone(), (double[])B.Clone(), (double[])U.Clone(), H);

    /// <summary>The same parameters with another batch.</summary>
    public Block WithData(double[] h, int n) => new(n, K, D, M, HasBias, V, B, U, h);

    /// <summary>Z = H·Vᵀ + 1·bᵀ [n×k] by plain loops.</summary>
    public double[] PreActivation()
    {
        var z = new double[N * K];
        for (int s = 0; s < N; s++)
        {
            for (int j = 0; j < K; j++)
            {
                double sum = HasBias ? B[j] : 0;
                for (int l = 0; l < D; l++)
                {
                    sum += H[s * D + l] * V[j * D + l];
                }

                z[s * K + j] = sum;
            }
        }

        return z;
    }

    /// <summary>A = σ(Z) [n×k].</summary>
    public double[] Activation<TActivation>()
        where TActivation : IUnaryOperator<double> => Array.ConvertAll(PreActivation(), TActivation.Invoke);

    /// <summary>The block output σ(H·Vᵀ + 1·bᵀ)·Uᵀ [n×m] by plain loops.</summary>
    public double[] Output<TActivation>()
        where TActivation : IUnaryOperator<double>
    {
        double[] a = Activation<TActivation>();
        var output = new double[N * M];
        for (int s = 0; s < N; s++)
        {
            for (int i = 0; i < M; i++)
            {
                double sum = 0;
                for (int j = 0; j < K; j++)
                {
                    sum += a[s * K + j] * U[i * K + j];
                }

                output[s * M + i] = sum;
            }
        }

        return output;
    }

    /// <summary>The block's parameters and batch as the symmetry kernels see them (an action writes V, b and U in place).</summary>
    public HiddenLayerBlock<double> Layer() => Layer<double>(V, B, U, H);

    /// <summary>A kernel block with this block's sizes over other arrays: another precision, or a covector's blocks as V, b, U.</summary>
    public HiddenLayerBlock<T> Layer<T>(T[] v, T[] b, T[] u, T[] h)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new() { Width = K, InputSize = D, NextWidth = M, BatchSize = N, HasBias = HasBias, V = v, B = b, U = u, H = h };

    /// <summary>The kernel block with the gradients of a function f, and Z, A of the batch (data-dependent adjoints).</summary>
    public HiddenLayerBlock<double> Gradients(double[] gradV, double[] gradB, double[] gradU, double[]? z = null, double[]? a = null) =>
        new()
        {
            Width = K, InputSize = D, NextWidth = M, BatchSize = N, HasBias = HasBias, V = V, B = B, U = U, H = H,
            GradV = gradV, GradB = gradB, GradU = gradU, Z = z, A = a,
        };

    /// <summary>The block in precision <typeparamref name="T"/>.</summary>
    public (T[] V, T[] B, T[] U, T[] H) As<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (Array.ConvertAll(V, T.CreateTruncating), Array.ConvertAll(B, T.CreateTruncating), Array.ConvertAll(U, T.CreateTruncating), Array.ConvertAll(H, T.CreateTruncating));
}
