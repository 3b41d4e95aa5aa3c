using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// Multi-variable expressions as the generator builds them for fused kernels: the backward
/// dz = dh·σ′(z) and its tangent rdz = rdh·σ′(z) + dh·σ″(z)·rz, emitted, compiled (once) and run.
/// </summary>
public class FusedKernelTests : IClassFixture<FusedKernelTests.Kernels>
{
    private readonly Kernels _kernels;

    public FusedKernelTests(Kernels kernels)
    {
        _kernels = kernels;
    }

    private static readonly Dictionary<string, Expr> Bindings = new()
    {
        ["z"] = Expr.Var("x"),
        ["dh"] = Expr.Sigmoid(Expr.Var("x")),
        ["rz"] = 0.5 - (0.25 * Expr.Var("x")),
        ["rdh"] = Expr.Tanh(0.3 * Expr.Var("x")),
    };

    /// <summary>Backward and tangent kernels of every activation below, for 2 types × 4 widths, in one compilation.</summary>
    public sealed class Kernels
    {
        internal readonly List<(string Activation, Expr Expression, NumericType Type, VectorWidth Width, IEmittedKernel Kernel)> All = new();

        public Kernels()
        {
            var compiler = new EmittedCodeCompiler();
            var handles = new List<(string, Expr, NumericType, VectorWidth)>();
            foreach (var activation in new[] { "gelu", "softplus", "elu(0.5)", "tanh" })
            {
                var (backward, tangent) = Fused(activation);
                foreach (var e in new[] { backward, tangent })
                {
                    foreach (var type in EmittedCodeCompiler.Types)
                    {
                        foreach (var width in EmittedCodeCompiler.Widths)
                        {
                            compiler.Add(e, type, width, Bindings);
                            handles.Add((activation, e, type, width));
                        }
                    }
                }
            }

            var kernels = compiler.Compile();
            for (var k = 0; k < kernels.Count; k++)
            {
                var (activation, e, type, width) = handles[k];
                All.Add((activation, e, type, width, kernels[k]));
            }
        }
    }

    /// <summary>dz = dh·σ′(z) and rdz = rz·∂dz/∂z + rdh·∂dz/∂dh.</summary>
    internal static (Expr Backward, Expr Tangent) Fused(string activation)
    {
        var sigma = TestFormulas.Parse(activation).Substitute("x", Expr.Var("z"));
        var backward = Simplifier.Simplify(Expr.Var("dh") * Calculus.Differentiate(sigma, "z"));
        var tangent = Simplifier.Simplify(
            (Expr.Var("rz") * Calculus.Differentiate(backward, "z")) + (Expr.Var("rdh") * Calculus.Differentiate(backward, "dh")));
        return (backward, tangent);
    }

    [Theory]
    [InlineData("gelu")]
    [InlineData("softplus")]
    [InlineData("elu(0.5)")]
    [InlineData("tanh")]
    public void BackwardAndTangentKernelsMatchTheInterpreter(string activation)
    {
        Assert.Equal(new[] { "dh", "rdh", "rz", "z" }, Fused(activation).Tangent.FreeVariables);
        var points = Numerics.SamplePoints(32, -5, 5).ToArray();
        var cases = _kernels.All.Where(k => k.Activation == activation).ToList();
        Assert.Equal(16, cases.Count);
        foreach (var (_, e, type, width, kernel) in cases)
        {
            var results = new double[points.Length];
            kernel.Evaluate(points, results);
            for (var i = 0; i < points.Length; i++)
            {
                var p = type == NumericType.Float32 ? (double)(float)points[i] : points[i];
                var expected = Interpreter.Evaluate(e, v => Interpreter.Evaluate(Bindings[v], "x", p));
                var tolerance = type == NumericType.Float32 ? 1e-4 : 1e-11;
                Assert.True(Numerics.Close(results[i], expected, tolerance, tolerance),
                    activation + " " + type + " " + width + " at " + p + ": " + results[i] + " vs " + expected);
            }
        }
    }
}
