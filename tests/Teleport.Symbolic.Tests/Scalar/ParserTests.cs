using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

public class ParserTests
{
    private static Expr X => Expr.Var("x");

    private static Expr Parse(string text)
    {
        var result = ActivationLanguage.Parse(text);
        Assert.True(result.Success, text + ": " + result.Error?.Message);
        return result.Expression!;
    }

    [Theory]
    [InlineData("x + x^2", 2.0, 6.0)]
    [InlineData("-x^2", 3.0, -9.0)]
    [InlineData("2^3^2", 0.0, 512.0)]
    [InlineData("2^-1", 0.0, 0.5)]
    [InlineData("1e-3 * x", 2.0, 0.002)]
    [InlineData(".5*x", 4.0, 2.0)]
    [InlineData("1.5E+2", 0.0, 150.0)]
    [InlineData("x - 2 - 3", 10.0, 5.0)]
    [InlineData("x / 2 / 4", 16.0, 2.0)]
    [InlineData("-(x + 1) * 2", 1.0, -4.0)]
    [InlineData("--x", 3.0, 3.0)]
    [InlineData("max(x, 0) + min(x, 0)", -2.0, -2.0)]
    [InlineData("where(x <= 1, 10, 20)", 1.0, 10.0)]
    [InlineData("where(x < 1, 10, 20)", 1.0, 20.0)]
    [InlineData("where(x >= 1, 10, 20)", 1.0, 10.0)]
    [InlineData("where(x*x > 4, 1, 2)", -3.0, 1.0)]
    [InlineData("sqrt(abs(x))", -4.0, 2.0)]
    [InlineData("log(exp(x))", 1.25, 1.25)]
    [InlineData("  x  ", 7.0, 7.0)]
    [InlineData("relu(2*x - 1)", 1.0, 1.0)]
    [InlineData("relu(2*x - 1)", 0.25, 0.0)]
    [InlineData("leaky_relu", -100.0, -1.0)]
    [InlineData("leaky_relu(0.1)", -2.0, -0.2)]
    [InlineData("leaky_relu(1/10)", -2.0, -0.2)]
    [InlineData("leaky_relu(-0.5)", -2.0, 1.0)]
    [InlineData("elu", -1e9, -1.0)]
    [InlineData("elu(2)", -1e9, -2.0)]
    [InlineData("identity", 3.5, 3.5)]
    [InlineData("tanh + sigmoid", 0.0, 0.5)]
    [InlineData("2*relu", -1.0, 0.0)]
    public void Evaluates(string text, double x, double expected)
    {
        var value = Numerics.Eval(Parse(text), x);
        Assert.True(Numerics.Close(value, expected, 1e-12, 1e-15), text + " at " + x + " = " + value + ", expected " + expected);
    }

    [Fact]
    public void UnaryMinusBindsLooserThanPower()
    {
        Assert.Equal(-Expr.Pow(X, 2), Parse("-x^2"));
        Assert.Equal(Expr.Pow(X, Expr.Pow(2, 3)), Parse("x^2^3"));
    }

    [Fact]
    public void BuiltInsAreTheirDefinitions()
    {
        Assert.Equal(Expr.Where(X > 0, X, 0.1 * X), Parse("leaky_relu(0.1)"));
        Assert.Equal(Expr.Where(X > 0, X, 0), Parse("relu"));
        Assert.Equal(Expr.Where(X > 0, X, 0.01 * X), Parse("leaky_relu"));
        Assert.Equal(X * Expr.Sigmoid(X), Parse("silu"));
        Assert.Equal(Expr.Where(2 * X > 0, 2 * X, 0), Parse("relu(2*x)"));
    }

    [Fact]
    public void EveryBuiltInDefinitionParses()
    {
        foreach (var activation in BuiltInActivations.All)
        {
            var e = BuiltInActivations.Instantiate(activation.Name);
            Assert.Equal(new[] { "x" }, e.FreeVariables);
            Assert.Equal(e, Parse(activation.Name));
        }
    }

    [Fact]
    public void BlankFormulaIsTheIdentityWithAnEmptyError()
    {
        foreach (var text in new[] { "", "   ", "\t\n" })
        {
            var result = ActivationLanguage.Parse(text);
            Assert.Equal(X, result.Expression);
            Assert.Equal(ParseErrorKind.Empty, result.Error!.Kind);
            Assert.False(result.Success);
        }
    }

    [Theory]
    [InlineData("x +", nameof(ParseErrorKind.Syntax), 3, 0, "'+'")]
    [InlineData("foo(x)", nameof(ParseErrorKind.UnknownFunction), 0, 3, "'foo'")]
    [InlineData("2*bar(x)", nameof(ParseErrorKind.UnknownFunction), 2, 3, "'bar'")]
    [InlineData("max(x)", nameof(ParseErrorKind.WrongArity), 0, 3, "'max'")]
    [InlineData("exp(x, 2)", nameof(ParseErrorKind.WrongArity), 0, 3, "'exp'")]
    [InlineData("where(x > 0, x)", nameof(ParseErrorKind.WrongArity), 0, 5, "'where'")]
    [InlineData("relu(x, x)", nameof(ParseErrorKind.WrongArity), 0, 4, "'relu'")]
    [InlineData("leaky_relu(0.1, 2)", nameof(ParseErrorKind.WrongArity), 0, 10, "'leaky_relu'")]
    [InlineData("leaky_relu()", nameof(ParseErrorKind.WrongArity), 0, 10, "'leaky_relu'")]
    [InlineData("exp + 1", nameof(ParseErrorKind.WrongArity), 0, 3, "'exp'")]
    [InlineData("leaky_relu(x)", nameof(ParseErrorKind.NonConstantParameter), 11, 1, "'x'")]
    [InlineData("elu(2*x + 1)", nameof(ParseErrorKind.NonConstantParameter), 4, 7, "'2*x + 1'")]
    [InlineData("x $ 2", nameof(ParseErrorKind.UnexpectedCharacter), 2, 1, "'$'")]
    [InlineData("x == 2", nameof(ParseErrorKind.UnexpectedCharacter), 2, 1, "'='")]
    [InlineData("(x", nameof(ParseErrorKind.Syntax), 2, 0, "')'")]
    [InlineData("x)", nameof(ParseErrorKind.Syntax), 1, 1, "')'")]
    [InlineData("max(x, 1", nameof(ParseErrorKind.Syntax), 8, 0, "')'")]
    [InlineData("2x", nameof(ParseErrorKind.Syntax), 1, 1, "'x'")]
    [InlineData("y + 1", nameof(ParseErrorKind.UnknownVariable), 0, 1, "'y'")]
    [InlineData("x > 0", nameof(ParseErrorKind.Syntax), 2, 1, "'>'")]
    [InlineData("max(x > 0, 1)", nameof(ParseErrorKind.Syntax), 6, 1, "'>'")]
    [InlineData("where(x, 1, 2)", nameof(ParseErrorKind.Syntax), 7, 1, "where")]
    [InlineData("x * * 2", nameof(ParseErrorKind.Syntax), 4, 1, "'*'")]
    [InlineData("1e999 * x", nameof(ParseErrorKind.InvalidNumber), 0, 5, "'1e999'")]
    [InlineData("x(2)", nameof(ParseErrorKind.Syntax), 0, 1, "'x'")]
    [InlineData("()", nameof(ParseErrorKind.Syntax), 1, 1, "')'")]
    public void ReportsPositionKindAndToken(string text, string kind, int position, int length, string quoted)
    {
        var result = ActivationLanguage.Parse(text);
        Assert.Null(result.Expression);
        var error = result.Error!;
        Assert.Equal(kind, error.Kind.ToString());
        Assert.Equal(position, error.Position);
        Assert.Equal(length, error.Length);
        Assert.Contains(quoted, error.Message);
    }

    [Fact]
    public void DeepNestingIsAnErrorNotACrash()
    {
        var deep = new string('(', 5000) + "x" + new string(')', 5000);
        Assert.Equal(ParseErrorKind.Syntax, ActivationLanguage.Parse(deep).Error!.Kind);
        Assert.Equal(ParseErrorKind.Syntax, ActivationLanguage.Parse(new string('-', 5000) + "x").Error!.Kind);
        Assert.True(ActivationLanguage.Parse(new string('(', 50) + "x" + new string(')', 50)).Success);
        Assert.Equal(ParseErrorKind.Syntax, ActivationLanguage.Parse(string.Join("^", Enumerable.Repeat("x", 300))).Error!.Kind);
        Assert.Equal(ParseErrorKind.Syntax, ActivationLanguage.Parse(string.Join("+", Enumerable.Repeat("x", 5000))).Error!.Kind);
    }

    [Fact]
    public void MessagesNameTheProblem()
    {
        Assert.Equal("unknown function 'foo': functions are exp, log, tanh, sigmoid, abs, sqrt, max, min, where; activations are identity, relu, leaky_relu, tanh, sigmoid, softplus, elu, silu, gelu",
            ActivationLanguage.Parse("foo(x)").Error!.Message);
        Assert.Equal("'max' takes 2 arguments but 1 was given", ActivationLanguage.Parse("max(x)").Error!.Message);
        Assert.Equal("the formula ended after '+' where an expression was expected", ActivationLanguage.Parse("x +").Error!.Message);
        Assert.StartsWith("the parameter of 'leaky_relu' must be a constant, not 'x'", ActivationLanguage.Parse("leaky_relu(x)").Error!.Message);
    }
}
