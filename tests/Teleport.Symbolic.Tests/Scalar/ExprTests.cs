using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

public class ExprTests
{
    [Fact]
    public void RecordsCompareStructurally()
    {
        var a = TestFormulas.Parse("gelu(x) + sigmoid(x)*2");
        var b = TestFormulas.Parse("gelu(x) + sigmoid(x)*2");
        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(TestFormulas.Parse("x + 1"), TestFormulas.Parse("x + 2"));
        Assert.Equal(Expr.Var("x") > 0, Expr.Var("x") > 0);
        Assert.NotEqual(Expr.Var("x") > 0, Expr.Var("x") >= 0);
    }

    [Fact]
    public void FreeVariablesAreSortedAndDistinct()
    {
        var z = Expr.Var("z");
        var e = (Expr.Var("dh") * Expr.Tanh(z)) + (Expr.Var("rz") * z) + Expr.Where(Expr.Var("rdh") > z, 1, 0);
        Assert.Equal(new[] { "dh", "rdh", "rz", "z" }, e.FreeVariables);
        Assert.True(e.DependsOn("rz"));
        Assert.False(e.DependsOn("x"));
        Assert.Empty(Expr.Const(2).FreeVariables);
    }

    [Fact]
    public void SubstituteReplacesEveryOccurrence()
    {
        var sigma = TestFormulas.Parse("silu");
        var applied = sigma.Substitute("x", Expr.Var("z") * 2);
        Assert.Equal(new[] { "z" }, applied.FreeVariables);
        Assert.Equal(Numerics.Eval(sigma, 3), Interpreter.Evaluate(applied, "z", 1.5), 12);
        Assert.Same(sigma, sigma.Substitute("y", Expr.One));
    }

    [Fact]
    public void MultiVariableDerivatives()
    {
        // The fused backward of h = tanh(z): dz = dh·σ′(z); its tangent in the direction (rz, rdh).
        var z = Expr.Var("z");
        var dh = Expr.Var("dh");
        var dz = dh * Calculus.Differentiate(Expr.Tanh(z), "z");
        var tangent = Simplifier.Simplify(
            (Expr.Var("rz") * Calculus.Differentiate(dz, "z")) + (Expr.Var("rdh") * Calculus.Differentiate(dz, "dh")));
        double Value(string v) => v switch { "z" => 0.3, "dh" => 1.7, "rz" => -0.4, _ => 2.1 };
        var t = System.Math.Tanh(0.3);
        var expected = (-0.4 * 1.7 * -2 * t * (1 - (t * t))) + (2.1 * (1 - (t * t)));
        Assert.Equal(expected, Interpreter.Evaluate(tangent, Value), 12);
        Assert.Equal(new[] { "dh", "rdh", "rz", "z" }, tangent.FreeVariables);
    }

    [Fact]
    public void DerivativeRulesHaveOneAdjointPerInput()
    {
        var a = Expr.Var("a");
        var b = Expr.Var("b");
        foreach (var op in System.Enum.GetValues(typeof(BinaryOperator)).Cast<BinaryOperator>())
        {
            var node = Expr.Apply(op, a, b);
            var (left, right) = BinaryRules.Derivatives(op, a, b, node);
            foreach (var (variable, adjoint) in new[] { ("a", left), ("b", right) })
            {
                // Each adjoint is the partial derivative: compare with a central difference at (1.3, 0.7).
                double At(double da, double db) => Interpreter.Evaluate(node, v => v == "a" ? 1.3 + da : 0.7 + db);
                var h = 1e-6;
                var numeric = variable == "a" ? (At(h, 0) - At(-h, 0)) / (2 * h) : (At(0, h) - At(0, -h)) / (2 * h);
                var symbolic = Interpreter.Evaluate(adjoint, v => v == "a" ? 1.3 : 0.7);
                Assert.True(Numerics.Close(symbolic, numeric, 1e-6, 1e-8), op + " ∂/∂" + variable + ": " + symbolic + " vs " + numeric);
            }
        }

        foreach (var op in System.Enum.GetValues(typeof(UnaryOperator)).Cast<UnaryOperator>())
        {
            var node = Expr.Apply(op, a);
            var adjoint = UnaryRules.Derivative(op, a, node);
            double At(double d) => Interpreter.Evaluate(node, _ => 0.37 + d);
            var numeric = (At(1e-6) - At(-1e-6)) / 2e-6;
            Assert.True(Numerics.Close(Interpreter.Evaluate(adjoint, _ => 0.37), numeric, 1e-6, 1e-8), op.ToString());
        }
    }

    [Fact]
    public void NumericFunctionsAreAccurate()
    {
        Assert.True(Numerics.Close(NumericFunctions.Expm1(1e-10), 1e-10 + 5e-21, 1e-15, 0));
        Assert.True(Numerics.Close(NumericFunctions.Log1p(1e-10), 1e-10 - 5e-21, 1e-15, 0));
        Assert.True(Numerics.Close(NumericFunctions.Expm1(-1e-10), -1e-10 + 5e-21, 1e-15, 0));
        Assert.Equal(System.Math.Exp(3) - 1, NumericFunctions.Expm1(3), 12);
        Assert.Equal(0.5 * System.Math.Log(3), NumericFunctions.Atanh(0.5), 14);
        Assert.Equal(-1, NumericFunctions.Sign(-3));
        Assert.True(double.IsNaN(NumericFunctions.Sign(double.NaN)));
        Assert.Equal(0, NumericFunctions.Sigmoid(-1000));
        Assert.Equal(1, NumericFunctions.Sigmoid(1000));
    }
}
