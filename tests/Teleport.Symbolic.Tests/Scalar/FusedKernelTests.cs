using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// Multi-variable expressions as the generator builds them for fused kernels: the backward
/// dz = dh·σ′(z) and its tangent rdz = rdh·σ′(z) + dh·σ″(z)·rz, emitted, compiled and run.
/// </summary>
public class FusedKernelTests
{
    [Theory]
    [InlineData("gelu")]
    [InlineData("softplus")]
    [InlineData("elu(0.5)")]
    [InlineData("tanh")]
    public void BackwardAndTangentKernelsMatchTheInterpreter(string activation)
    {
        var sigma = TestFormulas.Parse(activation).Substitute("x", Expr.Var("z"));
        var z = Expr.Var("z");
        var dh = Expr.Var("dh");
        var first = Calculus.Differentiate(sigma, "z");
        var backward = Simplifier.Simplify(dh * first);
        var tangent = Simplifier.Simplify(
            (Expr.Var("rz") * Calculus.Differentiate(backward, "z")) + (Expr.Var("rdh") * Calculus.Differentiate(backward, "dh")));
        Assert.Equal(new[] { "dh", "rdh", "rz", "z" }, tangent.FreeVariables);

        var x = Expr.Var("x");
        var bindings = new Dictionary<string, Expr>
        {
            ["z"] = x,
            ["dh"] = Expr.Sigmoid(x),
            ["rz"] = 0.5 - (0.25 * x),
            ["rdh"] = Expr.Tanh(0.3 * x),
        };
        var compiler = new EmittedCodeCompiler();
        var handles = new List<(Expr Expression, NumericType Type, VectorWidth Width)>();
        foreach (var e in new[] { backward, tangent })
        {
            foreach (var type in EmittedCodeCompiler.Types)
            {
                foreach (var width in EmittedCodeCompiler.Widths)
                {
                    compiler.Add(e, type, width, bindings);
                    handles.Add((e, type, width));
                }
            }
        }

        var kernels = compiler.Compile();
        var points = Numerics.SamplePoints(32, -5, 5).ToArray();
        for (var k = 0; k < kernels.Count; k++)
        {
            var (e, type, width) = handles[k];
            var results = new double[points.Length];
            kernels[k].Evaluate(points, results);
            for (var i = 0; i < points.Length; i++)
            {
                var p = type == NumericType.Float32 ? (double)(float)points[i] : points[i];
                var expected = Interpreter.Evaluate(e, v => Interpreter.Evaluate(bindings[v], "x", p));
                var tolerance = type == NumericType.Float32 ? 1e-4 : 1e-11;
                Assert.True(Numerics.Close(results[i], expected, tolerance, tolerance),
                    activation + " " + type + " " + width + " at " + p + ": " + results[i] + " vs " + expected);
            }
        }
    }
}
