using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>Seeded regression batches and orbit finite differences of F = ‖∇L‖² for <see cref="TinyMlp{T, TActivation, TDerivative, TSecond, TInverse}"/>.</summary>
internal static class MlpData
{
    public const int D = 6, K = 4, M = 3;

    /// <summary>Inputs [n×d] and targets [n×m], uniform in ±1.</summary>
    public static (double[] Inputs, double[] Targets) Batch(int seed, int n)
    {
        Block block = Block.Random(seed, n, 1, D, 1);
        Block targets = Block.Random(seed + 1, n, 1, M, 1);
        return (block.H, targets.H);
    }

    /// <summary>‖∇L‖² at the model's parameters.</summary>
    public static double GradNormSquared(ITeleportable<double> model, double[] inputs, double[] targets)
    {
        var gradient = new double[model.Info.ParameterCount];
        model.LossAndGradient(inputs, targets, gradient);
        return LinearFunction.Dot(gradient, gradient);
    }

    /// <summary>(F(e^{εE}·θ) − F(e^{−εE}·θ))/2ε for every generator of symmetry <paramref name="symmetry"/>, applied to copies.</summary>
    public static double[] OrbitDifferences(Func<ITeleportable<double>> create, int symmetry, double[] inputs, double[] targets, double epsilon = 1e-5)
    {
        SymmetryInfo info = create().Info.Symmetries[symmetry];
        bool diagonal = info.IsDiagonal;
        var result = new double[info.Dimension];
        for (int index = 0; index < result.Length; index++)
        {
            double sum = 0;
            foreach (double t in (ReadOnlySpan<double>)[epsilon, -epsilon])
            {
                ITeleportable<double> moved = create();
                Assert.True(moved.ApplyGroupAction(symmetry, Orbit.Element(info.Width, diagonal, index, t), inputs));
                sum += Math.Sign(t) * GradNormSquared(moved, inputs, targets);
            }

            result[index] = sum / (2 * epsilon);
        }

        return result;
    }
}
