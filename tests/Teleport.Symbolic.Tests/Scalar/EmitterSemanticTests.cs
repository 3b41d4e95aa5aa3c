using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;
using Xunit.Abstractions;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// Emitted code compiled with Roslyn at test time and run: double against the interpreter, float scalar
/// against the interpreter (at the float-rounded points), every vector width against the scalar code of its
/// type; built-ins stay finite in float for |x| up to 80 (softplus up to 1e4).
/// </summary>
public class EmitterSemanticTests : IClassFixture<EmitterSemanticTests.Kernels>
{
    private readonly Kernels _kernels;
    private readonly ITestOutputHelper _output;

    public EmitterSemanticTests(Kernels kernels, ITestOutputHelper output)
    {
        _kernels = kernels;
        _output = output;
    }

    /// <summary>One expression to emit and the points to run it at.</summary>
    internal sealed record Case(string Name, Expr Expression, double[] Points, bool MustStayFinite, bool IsBuiltIn = true);

    /// <summary>Every case, emitted for 2 types × 4 widths and compiled once.</summary>
    public sealed class Kernels
    {
        internal readonly List<Case> Cases = new();
        internal readonly Dictionary<(int Case, NumericType Type, VectorWidth Width), IEmittedKernel> Compiled = new();

        public Kernels()
        {
            var moderate = Pad(Numerics.SamplePoints(64, -6, 6));
            var large = Pad(new[] { 10.0, 20, 40, 60, 80 }.SelectMany(v => new[] { v, -v, v + 0.37, -v - 0.37 }));
            foreach (var name in TestFormulas.BuiltIns)
            {
                var p = ActivationAnalysis.Analyze(TestFormulas.Parse(name));
                foreach (var (what, e) in new[] { ("σ", p.Activation), ("σ′", p.FirstDerivative), ("σ″", p.SecondDerivative) })
                {
                    Cases.Add(new Case(name + " " + what, e, moderate, false));
                    Cases.Add(new Case(name + " " + what + " large", e, name == "softplus" ? Pad(large.Concat(new[] { 1e4, -1e4, 5e3, -5e3 })) : large, true));
                }

                if (p.Inverse is { } inverse)
                {
                    var ys = Pad(Numerics.SamplePoints(64, -5, 5).Select(x => Numerics.Eval(p.Activation, x)));
                    Cases.Add(new Case(name + " σ⁻¹", inverse.Substitute("y", Expr.Var("x")), ys, false));
                }
            }

            foreach (var formula in TestFormulas.Random(25, seed: 99))
            {
                var sigma = Simplifier.Simplify(TestFormulas.Parse(formula));
                var first = Calculus.Differentiate(sigma, "x");
                Cases.Add(new Case(formula + " σ", sigma, moderate, false, false));
                Cases.Add(new Case(formula + " σ′", first, moderate, false, false));
                Cases.Add(new Case(formula + " σ″", Calculus.Differentiate(first, "x"), moderate, false, false));
            }

            var compiler = new EmittedCodeCompiler();
            var handles = new List<(int, NumericType, VectorWidth)>();
            for (var i = 0; i < Cases.Count; i++)
            {
                foreach (var type in EmittedCodeCompiler.Types)
                {
                    foreach (var width in EmittedCodeCompiler.Widths)
                    {
                        compiler.Add(Cases[i].Expression, type, width);
                        handles.Add((i, type, width));
                    }
                }
            }

            var kernels = compiler.Compile();
            for (var k = 0; k < handles.Count; k++)
            {
                Compiled[handles[k]] = kernels[k];
            }
        }

        /// <summary>Pads to a multiple of 16 lanes by repeating the first point.</summary>
        private static double[] Pad(IEnumerable<double> points)
        {
            var list = points.ToList();
            while (list.Count % 16 != 0)
            {
                list.Add(list[0]);
            }

            return list.ToArray();
        }
    }

    private double[] Run(int index, NumericType type, VectorWidth width)
    {
        var points = _kernels.Cases[index].Points;
        var results = new double[points.Length];
        _kernels.Compiled[(index, type, width)].Evaluate(points, results);
        return results;
    }

    [Fact]
    public void DoubleScalarMatchesTheInterpreter()
    {
        var worst = 0.0;
        for (var i = 0; i < _kernels.Cases.Count; i++)
        {
            var c = _kernels.Cases[i];
            var actual = Run(i, NumericType.Float64, VectorWidth.Scalar);
            for (var j = 0; j < c.Points.Length; j++)
            {
                var expected = Numerics.Eval(c.Expression, c.Points[j]);
                if (!Numerics.IsFinite(expected))
                {
                    continue;
                }

                worst = Math.Max(worst, Math.Abs(actual[j] - expected) / Math.Max(1, Math.Abs(expected)));
                Assert.True(Numerics.Close(actual[j], expected, 1e-10, 1e-12), c.Name + " at " + c.Points[j] + ": " + actual[j] + " vs " + expected);
            }
        }

        _output.WriteLine("worst scaled difference " + worst);
    }

    [Fact]
    public void FloatScalarMatchesTheInterpreter()
    {
        var worst = 0.0;
        for (var i = 0; i < _kernels.Cases.Count; i++)
        {
            var c = _kernels.Cases[i];
            if (c.MustStayFinite)
            {
                continue;
            }

            var actual = Run(i, NumericType.Float32, VectorWidth.Scalar);
            for (var j = 0; j < c.Points.Length; j++)
            {
                var x = (double)(float)c.Points[j];
                var expected = Numerics.Eval(c.Expression, x);
                if (!Numerics.IsFinite(expected) || Math.Abs(expected) > 1e30 || Numerics.NearKink(c.Expression, x, 1e-5 * Math.Max(1, Math.Abs(x))))
                {
                    continue;
                }

                var scaled = Math.Abs(actual[j] - expected) / Math.Max(1, Math.Abs(expected));
                worst = Math.Max(worst, scaled);
                Assert.True(scaled <= 1e-4, c.Name + " at " + x + ": " + actual[j] + " vs " + expected);
            }
        }

        _output.WriteLine("worst scaled difference " + worst);
    }

    [Theory]
    [InlineData(nameof(NumericType.Float32), 128)]
    [InlineData(nameof(NumericType.Float32), 256)]
    [InlineData(nameof(NumericType.Float32), 512)]
    [InlineData(nameof(NumericType.Float64), 128)]
    [InlineData(nameof(NumericType.Float64), 256)]
    [InlineData(nameof(NumericType.Float64), 512)]
    public void VectorMatchesScalar(string typeName, int bits)
    {
        var type = Enum.Parse<NumericType>(typeName);
        var width = (VectorWidth)bits;
        var tolerance = type == NumericType.Float32 ? 1e-6 : 1e-12;
        var worst = 0.0;
        for (var i = 0; i < _kernels.Cases.Count; i++)
        {
            var c = _kernels.Cases[i];
            var scalar = Run(i, type, VectorWidth.Scalar);
            var vector = Run(i, type, width);
            for (var j = 0; j < c.Points.Length; j++)
            {
                var x = type == NumericType.Float32 ? (double)(float)c.Points[j] : c.Points[j];
                if (Numerics.NearKink(c.Expression, x, 1e-5 * Math.Max(1, Math.Abs(x))))
                {
                    continue;
                }

                var same = (double.IsNaN(scalar[j]) && double.IsNaN(vector[j])) || scalar[j] == vector[j];
                if (same)
                {
                    continue;
                }

                // Built-ins: 1e-6 of max(1, |value|) in float. Random composites may amplify a 1-ulp library
                // difference by cancellation (1 − tanh² near saturation): there the bound is 1e-6 plus twice the
                // formula's own float rounding noise at that point.
                var scale = Math.Max(1, Math.Abs(scalar[j]));
                var allowed = tolerance;
                if (!c.IsBuiltIn && type == NumericType.Float32)
                {
                    allowed = tolerance + (2 * Numerics.FloatNoise(c.Expression, x) / scale);
                }

                var scaled = Math.Abs(scalar[j] - vector[j]) / scale;
                worst = Math.Max(worst, double.IsNaN(scaled) ? double.PositiveInfinity : scaled);
                Assert.True(scaled <= allowed, c.Name + " at " + x + ": vector " + vector[j] + " vs scalar " + scalar[j]);
            }
        }

        _output.WriteLine("worst scaled difference " + worst);
    }

    [Fact]
    public void BuiltInsStayFiniteInFloatFarOut()
    {
        for (var i = 0; i < _kernels.Cases.Count; i++)
        {
            var c = _kernels.Cases[i];
            if (!c.MustStayFinite)
            {
                continue;
            }

            foreach (var width in EmittedCodeCompiler.Widths)
            {
                var actual = Run(i, NumericType.Float32, width);
                for (var j = 0; j < c.Points.Length; j++)
                {
                    var expected = Numerics.Eval(c.Expression, c.Points[j]);
                    if (Numerics.IsFinite(expected) && Math.Abs(expected) < 1e38)
                    {
                        Assert.True(Numerics.IsFinite(actual[j]), c.Name + " (" + width + ") at " + c.Points[j] + " = " + actual[j] + ", expected " + expected);
                        Assert.True(Numerics.Close(actual[j], expected, 1e-5, 1e-6), c.Name + " (" + width + ") at " + c.Points[j] + " = " + actual[j] + ", expected " + expected);
                    }
                }
            }
        }
    }
}
