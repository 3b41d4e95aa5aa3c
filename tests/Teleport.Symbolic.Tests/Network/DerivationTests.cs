using System;
using System.Linq;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;
using Teleport.Symbolic.Tests.Scalar;

namespace Teleport.Symbolic.Tests.Network;

/// <summary>
/// The derived programs, run by the reference interpreter (no emitted code): the gradient and the
/// Hessian-vector product agree with central differences, the teleport objective with the plain
/// programs, and its session rewrite (input Gram) with the objective.
/// </summary>
public class DerivationTests
{
    public static TheoryData<string> Specs() => new() { "leaky", "tanh-bias-mse", "gelu-silu", "identity-custom" };

    private static NetworkSpec Spec(string name)
    {
        LayerSpec L(int i, int input, int units, bool bias, string activation) =>
            new DenseLayerSpec(i, input, units, bias, activation, activation.Length == 0 ? Expr.Var("x") : TestFormulas.Parse(activation));
        var type = new TypeHierarchy("", EquatableArray<ContainingType>.Empty, "Net", "public", "Net");
        return name switch
        {
            "leaky" => new(type, 7, NetworkLoss.SoftmaxCrossEntropy, new[] { L(0, 7, 5, false, "leaky_relu(0.1)"), L(1, 5, 4, false, "leaky_relu(0.1)"), L(2, 4, 3, false, "") }.ToEquatableArray()),
            "tanh-bias-mse" => new(type, 6, NetworkLoss.MeanSquaredError, new[] { L(0, 6, 4, true, "tanh"), L(1, 4, 3, true, "sigmoid"), L(2, 3, 2, true, "") }.ToEquatableArray()),
            "gelu-silu" => new(type, 5, NetworkLoss.SoftmaxCrossEntropy, new[] { L(0, 5, 4, true, "gelu"), L(1, 4, 4, false, "silu"), L(2, 4, 3, true, "") }.ToEquatableArray()),
            _ => new(type, 6, NetworkLoss.MeanSquaredError, new[] { L(0, 6, 4, true, "identity"), L(1, 4, 3, true, "x + 0.1*tanh(x)^3"), L(2, 3, 2, false, "") }.ToEquatableArray()),
        };
    }

    private sealed record Setup(DerivedNetwork Network, int N, double[] Theta, double[] Inputs, int[]? Labels, double[]? Targets);

    private static Setup Make(string name, int n = 4)
    {
        var spec = Spec(name);
        var network = NetworkDerivation.Derive(spec);
        var random = new Random(7);
        double[] Uniform(int count, double scale) => Enumerable.Range(0, count).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
        var theta = Uniform(network.ParameterCount, 0.8);
        var inputs = Uniform(n * spec.Inputs, 1);
        int[]? labels = spec.Loss == NetworkLoss.SoftmaxCrossEntropy ? Enumerable.Range(0, n).Select(_ => random.Next(spec.Outputs)).ToArray() : null;
        double[]? targets = labels is null ? Uniform(n * spec.Outputs, 1) : null;
        return new Setup(network, n, theta, inputs, labels, targets);
    }

    /// <summary>Runs a program; a null <paramref name="direction"/> binds v to ∇L (the teleport objective).</summary>
    private static NetworkInterpreter Interpret(Setup s, TensorProgram program, double[] theta, double[]? direction) =>
        new NetworkInterpreter(s.N, theta, s.Inputs, s.Labels, s.Targets, direction).Run(program);

    private static NetworkInterpreter Interpret(Setup s, TensorProgram program, double[] theta) =>
        Interpret(s, program, theta, new double[theta.Length]);

    private static double RelativeError(double[] actual, double[] expected) =>
        Math.Sqrt(actual.Zip(expected, (a, e) => (a - e) * (a - e)).Sum()) / Math.Max(Math.Sqrt(expected.Sum(e => e * e)), 1e-300);

    [Theory]
    [MemberData(nameof(Specs))]
    public void GradientMatchesCentralDifferences(string name)
    {
        var s = Make(name);
        var gradient = Interpret(s, s.Network.LossAndGradient, s.Theta).Gradient;
        var fd = new double[s.Theta.Length];
        const double h = 1e-6;
        for (var i = 0; i < fd.Length; i++)
        {
            var plus = (double[])s.Theta.Clone();
            var minus = (double[])s.Theta.Clone();
            plus[i] += h;
            minus[i] -= h;
            fd[i] = (Interpret(s, s.Network.Loss, plus).Loss - Interpret(s, s.Network.Loss, minus).Loss) / (2 * h);
        }
        Assert.True(RelativeError(gradient, fd) <= 1e-7, $"{name}: {RelativeError(gradient, fd):E2}");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void HessianVectorProductMatchesDifferencesOfTheGradient(string name)
    {
        var s = Make(name);
        var v = new Random(3).Let(r => Enumerable.Range(0, s.Theta.Length).Select(_ => 2 * r.NextDouble() - 1).ToArray());
        var hv = Interpret(s, s.Network.HessianVectorProduct, s.Theta, v).HessianVector;
        const double h = 1e-5;
        var plus = s.Theta.Select((t, i) => t + h * v[i]).ToArray();
        var minus = s.Theta.Select((t, i) => t - h * v[i]).ToArray();
        var gp = Interpret(s, s.Network.LossAndGradient, plus).Gradient;
        var gm = Interpret(s, s.Network.LossAndGradient, minus).Gradient;
        var fd = gp.Select((g, i) => (g - gm[i]) / (2 * h)).ToArray();
        Assert.True(RelativeError(hv, fd) <= 1e-6, $"{name}: {RelativeError(hv, fd):E2}");
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void ObjectiveIsTheGradientAndHessianTimesGradient(string name)
    {
        var s = Make(name);
        var objective = Interpret(s, s.Network.Objective, s.Theta, direction: null);
        var gradient = Interpret(s, s.Network.LossAndGradient, s.Theta).Gradient;
        var hv = Interpret(s, s.Network.HessianVectorProduct, s.Theta, gradient).HessianVector;
        Assert.True(RelativeError(objective.Gradient, gradient) <= 1e-14);
        Assert.True(RelativeError(objective.HessianVector, hv) <= 1e-13);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void SessionRewriteAgreesWithTheObjective(string name)
    {
        var s = Make(name);
        var session = s.Network.Session!;
        Assert.NotNull(session);
        var full = Interpret(s, s.Network.Objective, s.Theta, direction: null);
        var rewritten = Interpret(s, session.Program, s.Theta, direction: null);
        var w0 = s.Network.Layers[0].Weight!;
        var length = w0.Rows * w0.Columns;
        bool Outside(int i) => i < w0.Offset || i >= w0.Offset + length;

        // Everything but the input layer's weights is computed as before…
        for (var i = 0; i < s.Theta.Length; i++)
        {
            if (!Outside(i)) continue;
            Assert.Equal(full.Gradient[i], rewritten.Gradient[i], 12);
            Assert.Equal(full.HessianVector[i], rewritten.HessianVector[i], 12);
        }
        // …and the input layer through the products: ‖∂L/∂W₀‖² = ⟨δP, K·δP⟩ and (H∇L)_W₀·W₀ᵀ = R{δP}ᵀ·P.
        var w0Norm = full.Gradient.Skip(w0.Offset).Take(length).Sum(g => g * g);
        var delta = rewritten.Values(session.Delta);
        var tangent = rewritten.Values(session.TangentProduct);
        Assert.Equal(w0Norm, delta.Zip(tangent, (a, b) => a * b).Sum(), 12);
        var k = w0.Rows;
        var product = rewritten.Values(session.Product);
        var tangentDelta = rewritten.Values(session.TangentDelta);
        for (var j = 0; j < k; j++)
        {
            double fromProducts = 0, direct = 0;
            for (var r = 0; r < s.N; r++) fromProducts += tangentDelta[r * k + j] * product[r * k + j];
            for (var l = 0; l < w0.Columns; l++) direct += full.HessianVector[w0.Offset + j * w0.Columns + l] * s.Theta[w0.Offset + j * w0.Columns + l];
            Assert.Equal(direct, fromProducts, 12);
        }
    }
}

internal static class Functional
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
