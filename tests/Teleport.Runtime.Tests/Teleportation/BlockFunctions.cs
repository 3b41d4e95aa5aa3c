using System;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>A scalar function of a block's parameters with its gradient (G_V, G_b, G_U).</summary>
internal interface IBlockFunction
{
    double Value(Block block);

    (double[] GradV, double[] GradB, double[] GradU) Gradient(Block block);
}

/// <summary>f(θ) = ⟨C, θ⟩: its gradient is C everywhere.</summary>
internal sealed class LinearFunction(Block shape, int seed) : IBlockFunction
{
    private readonly Block coefficients = Block.Random(seed, 1, shape.K, shape.D, shape.M, shape.HasBias, 1);

    public double Value(Block block) => Dot(coefficients.V, block.V) + Dot(coefficients.B, block.B) + Dot(coefficients.U, block.U);

    public (double[] GradV, double[] GradB, double[] GradU) Gradient(Block block) => (coefficients.V, coefficients.B, coefficients.U);

    internal static double Dot(double[] x, double[] y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}

/// <summary>f(θ) = Σ C ⊙ sin(θ): nonlinear and elementwise, G = C ⊙ cos(θ).</summary>
internal sealed class SineFunction(Block shape, int seed) : IBlockFunction
{
    private readonly Block coefficients = Block.Random(seed, 1, shape.K, shape.D, shape.M, shape.HasBias, 1);

    public double Value(Block block) => Sum(coefficients.V, block.V) + Sum(coefficients.B, block.B) + Sum(coefficients.U, block.U);

    public (double[] GradV, double[] GradB, double[] GradU) Gradient(Block block) =>
        (Derivative(coefficients.V, block.V), Derivative(coefficients.B, block.B), Derivative(coefficients.U, block.U));

    private static double Sum(double[] c, double[] x)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += c[i] * Math.Sin(x[i]);
        }

        return sum;
    }

    private static double[] Derivative(double[] c, double[] x)
    {
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            g[i] = c[i] * Math.Cos(x[i]);
        }

        return g;
    }
}

/// <summary>
/// The loss of the two-layer block on its own data: ½·mean‖σ(H′Vᵀ + 1bᵀ)Uᵀ − Y‖² over n′ samples,
/// plus ½λ‖θ‖² (weight decay breaks every symmetry, so the adjoint is not trivially zero).
/// </summary>
internal sealed class BlockLoss<TActivation, TDerivative>(double[] data, double[] targets, int samples, double decay) : IBlockFunction
    where TActivation : IUnaryOperator<double>
    where TDerivative : IUnaryOperator<double>
{
    public double Value(Block block)
    {
        double[] residual = Residual(block.WithData(data, samples));
        double sum = 0;
        foreach (double r in residual)
        {
            sum += r * r;
        }

        return 0.5 * sum / samples + 0.5 * decay * (LinearFunction.Dot(block.V, block.V) + LinearFunction.Dot(block.B, block.B) + LinearFunction.Dot(block.U, block.U));
    }

    public (double[] GradV, double[] GradB, double[] GradU) Gradient(Block block)
    {
        Block onData = block.WithData(data, samples);
        int n = samples, k = block.K, d = block.D, m = block.M;
        double[] z = onData.PreActivation();
        double[] a = Array.ConvertAll(z, TActivation.Invoke);
        double[] e = Residual(onData);
        var gradV = new double[k * d];
        var gradB = new double[block.B.Length];
        var gradU = new double[m * k];
        for (int s = 0; s < n; s++)
        {
            for (int j = 0; j < k; j++)
            {
                // δA[s,j] = Σ_i E[s,i]U[i,j] / n;  δZ = δA ⊙ σ′(Z)
                double deltaA = 0;
                for (int i = 0; i < m; i++)
                {
                    deltaA += e[s * m + i] * block.U[i * k + j] / n;
                    gradU[i * k + j] += e[s * m + i] * a[s * k + j] / n;
                }

                double deltaZ = deltaA * TDerivative.Invoke(z[s * k + j]);
                for (int l = 0; l < d; l++)
                {
                    gradV[j * d + l] += deltaZ * data[s * d + l];
                }

                if (gradB.Length > 0)
                {
                    gradB[j] += deltaZ;
                }
            }
        }

        Decay(gradV, block.V);
        Decay(gradB, block.B);
        Decay(gradU, block.U);
        return (gradV, gradB, gradU);
    }

    private void Decay(double[] gradient, double[] parameters)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            gradient[i] += decay * parameters[i];
        }
    }

    private double[] Residual(Block onData)
    {
        double[] output = onData.Output<TActivation>();
        for (int i = 0; i < output.Length; i++)
        {
            output[i] -= targets[i];
        }

        return output;
    }
}
