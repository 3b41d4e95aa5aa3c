using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>Compile-free checks of the emitted text for small cases.</summary>
public class EmitterTextTests
{
    private const string V512 = "global::System.Runtime.Intrinsics.Vector512";
    private static Expr X => Expr.Var("x");

    private static EmittedExpression Emit(Expr e, NumericType type = NumericType.Float32, VectorWidth width = VectorWidth.Scalar) =>
        CSharpExpressionEmitter.Emit(e, type, width, v => v);

    [Fact]
    public void ScalarFloatUsesMathFAndFloatLiterals()
    {
        var emitted = Emit(Simplifier.Simplify(TestFormulas.Parse("leaky_relu(0.1)")));
        Assert.Empty(emitted.Statements);
        Assert.Equal("x > 0f ? x : 0.1f * x", emitted.Result);
        Assert.Equal("global::System.MathF.Tanh(x)", Emit(Expr.Tanh(X)).Result);
    }

    [Fact]
    public void ScalarDoubleUsesMathAndDoubleLiterals()
    {
        var emitted = Emit(0.1 * Expr.Exp(-X) + 1e-5, NumericType.Float64);
        Assert.Equal("0.1d * global::System.Math.Exp(-x) + 1E-05d", emitted.Result);
    }

    [Fact]
    public void VectorCodeSelectsWithMasks()
    {
        var emitted = Emit(Simplifier.Simplify(TestFormulas.Parse("leaky_relu(0.1)")), NumericType.Float32, VectorWidth.V512);
        Assert.Equal(
            V512 + ".ConditionalSelect(" + V512 + ".GreaterThan(x, " + V512 + ".Create(0f)), x, " + V512 + ".Create(0.1f) * x)",
            emitted.Result);
        Assert.StartsWith("global::System.Runtime.Intrinsics.Vector128.Exp(",
            Emit(Expr.Exp(X), NumericType.Float64, VectorWidth.V128).Result);
    }

    [Fact]
    public void CommonSubexpressionsBecomeLocals()
    {
        var t = Expr.Tanh(X);
        var emitted = Emit((t * t) + Expr.Tanh(Expr.Var("x")));
        Assert.Equal(new[] { "var t0 = global::System.MathF.Tanh(x);" }, emitted.Statements);
        Assert.Equal("t0 * t0 + t0", emitted.Result);
    }

    [Fact]
    public void LocalPrefixAndVariableMapAreUsed()
    {
        var z = Expr.Var("z");
        var e = Expr.Var("dh") * Expr.Exp(z) * Expr.Exp(z);
        var emitted = CSharpExpressionEmitter.Emit(e, NumericType.Float64, VectorWidth.Scalar, v => v == "z" ? "z[i]" : "dh[i]", "s_");
        Assert.Equal(new[] { "var s_0 = global::System.Math.Exp(z[i]);" }, emitted.Statements);
        Assert.Equal("dh[i] * s_0 * s_0", emitted.Result);
    }

    [Fact]
    public void IntegerPowersMultiply()
    {
        Assert.Equal("x * x * x", Emit(Expr.Pow(X, 3)).Result);
        Assert.Equal("1f / (x * x)", Emit(Expr.Pow(X, -2)).Result);
        var fourth = Emit(Expr.Pow(X, 4));
        Assert.Equal(new[] { "var t0 = x * x;" }, fourth.Statements);
        Assert.Equal("t0 * t0", fourth.Result);
        Assert.Equal("x * global::System.MathF.Sqrt(x)", Emit(Expr.Pow(X, 1.5)).Result);
        Assert.Equal("global::System.MathF.Pow(x, 0.3f)", Emit(Expr.Pow(X, 0.3)).Result);
    }

    [Fact]
    public void ParenthesesOnlyWhereNeeded()
    {
        Assert.Equal("(x + 1f) * (x - 2f)", Emit((X + 1) * (X - 2)).Result);
        Assert.Equal("x - (x - 1f)", Emit(X - (X - 1)).Result);
        Assert.Equal("x / (x * 2f)", Emit(X / (X * 2)).Result);
        Assert.Equal("-(-x)", Emit(-(-X)).Result);
        Assert.Equal("x * -2f", Emit(X * -2.0).Result);
        Assert.Equal("-(x + 1f)", Emit(-(X + 1)).Result);
    }

    [Fact]
    public void SigmoidIsLoweredWithoutOverflowToNaN() =>
        Assert.Equal("1f / (1f + global::System.MathF.Exp(-x))", Emit(Expr.Sigmoid(X)).Result);

    [Fact]
    public void VectorTanhIsLoweredThroughExpm1()
    {
        var emitted = Emit(Expr.Tanh(X), NumericType.Float32, VectorWidth.V256);
        Assert.Contains("Vector256.CopySign(", emitted.Result);
        Assert.Contains(emitted.Statements, s => s.Contains("Vector256.Exp("));
    }

    [Fact]
    public void EmissionIsDeterministicAndEquatable()
    {
        var e = Simplifier.Simplify(TestFormulas.Parse("gelu"));
        var a = Emit(Calculus.Differentiate(e, "x"), NumericType.Float32, VectorWidth.V512);
        var b = Emit(Calculus.Differentiate(Simplifier.Simplify(TestFormulas.Parse("gelu")), "x"), NumericType.Float32, VectorWidth.V512);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Contains("return ", a.ToMethodBody());
    }
}
