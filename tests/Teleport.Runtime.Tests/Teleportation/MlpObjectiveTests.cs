using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// End to end through a hand-written MLP: the exact HVP, and ∂F/∂T = adjoint(2·H·∇L) against finite
/// differences of F = ‖∇L‖² along each symmetry's orbit — the contract generated networks implement.
/// </summary>
public sealed class MlpObjectiveTests
{
    [Fact]
    public void HessianVectorProductMatchesFiniteDifferencesOfTheGradient()
    {
        var (inputs, targets) = MlpData.Batch(101, 5);
        var model = new TanhMlp(MlpData.D, MlpData.K, MlpData.M, 102);
        int count = model.Info.ParameterCount;
        double[] v = Block.Random(103, 1, count, 1, 1, weightScale: 1).V;
        var result = new double[count];
        model.HessianVectorProduct(inputs, targets, v, result);

        const double h = 1e-5;
        double[] start = model.Parameters.ToArray();
        var plus = new double[count];
        var minus = new double[count];
        for (int i = 0; i < count; i++)
        {
            model.Parameters[i] = start[i] + h * v[i];
        }

        model.LossAndGradient(inputs, targets, plus);
        for (int i = 0; i < count; i++)
        {
            model.Parameters[i] = start[i] - h * v[i];
        }

        model.LossAndGradient(inputs, targets, minus);
        var expected = new double[count];
        for (int i = 0; i < count; i++)
        {
            expected[i] = (plus[i] - minus[i]) / (2 * h);
        }

        Orbit.AssertClose(expected, result, 1e-7, "HVP");
    }

    [Theory]
    [InlineData("S1", 6)]
    [InlineData("S2", 6)]
    [InlineData("S3", 6)]
    [InlineData("S4", 6)]
    [InlineData("S4", 3)]
    public void LieAlgebraGradientIsTheDerivativeOfTheSquaredGradientNormAlongTheOrbit(string id, int n)
    {
        var (inputs, targets) = MlpData.Batch(104, n);
        Func<ITeleportable<double>> create = id switch
        {
            "S1" => () => new LinearMlp(MlpData.D, MlpData.K, MlpData.M, 105, "S1"),
            "S2" => () => new LeakyMlp(MlpData.D, MlpData.K, MlpData.M, 105, "S2"),
            _ => () => new TanhMlp(MlpData.D, MlpData.K, MlpData.M, 105, id),
        };
        ITeleportable<double> model = create();
        var gradient = new double[model.Info.ParameterCount];
        var lie = new double[model.Info.Symmetries[0].Dimension];
        TeleportObjectiveValue<double> value = model.TeleportObjectiveGradient(inputs, targets, [true], gradient, lie);

        Assert.Equal(MlpData.GradNormSquared(model, inputs, targets), value.GradientNormSquared, 1e-15);
        Orbit.AssertClose(MlpData.OrbitDifferences(create, 0, inputs, targets), lie, 1e-6, $"∂F/∂T {id} n={n}");
    }
}
