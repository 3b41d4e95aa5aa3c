using System;
using System.Globalization;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// The primitive C# of one (type, width): literals, arithmetic operators, library calls and selection.
/// Scalar code calls <c>global::System.MathF</c>/<c>global::System.Math</c> and selects with <c>?:</c>;
/// vector code calls <c>global::System.Runtime.Intrinsics.Vector512</c> (…256/128) and selects with
/// <c>ConditionalSelect</c> (both branches are evaluated, the mask picks per lane).
/// </summary>
internal abstract class CSharpDialect
{
    public const string MathFTypeRef = "global::System.MathF";
    public const string MathTypeRef = "global::System.Math";
    public const string IntrinsicsNamespace = "global::System.Runtime.Intrinsics";

    protected CSharpDialect(NumericType type)
    {
        Type = type;
    }

    public NumericType Type { get; }

    /// <summary>The C# element type keyword.</summary>
    public string Element => Type == NumericType.Float32 ? "float" : "double";

    public abstract bool IsVector { get; }

    public static CSharpDialect For(NumericType type, VectorWidth width) =>
        width == VectorWidth.Scalar ? new ScalarDialect(type) : new VectorDialect(type, width);

    /// <summary>
    /// A scalar literal in invariant round-trip form: <c>0.1f</c>, <c>-2d</c>, <c>float.NaN</c>. A value beyond
    /// float's range is float's infinity by name (1e308 rounds to ∞ in float; TP0018 tells the user, and TP0024 where ∞ meets 0 or −∞ there, as in ∞·0).
    /// </summary>
    public string ScalarLiteral(double value)
    {
        if (Type == NumericType.Float32)
        {
            value = (float)value;
        }

        if (double.IsNaN(value))
        {
            return Element + ".NaN";
        }

        if (double.IsInfinity(value))
        {
            return Element + (value > 0 ? ".PositiveInfinity" : ".NegativeInfinity");
        }

        return Type == NumericType.Float32
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f"
            : value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }

    /// <summary>The constant as a value of the emitted type.</summary>
    public abstract CSharpCode Constant(double value);

    /// <summary>A library function: Exp, Log, Sqrt, Abs, Max, Min, Floor, Tanh, Atanh, Pow, CopySign.</summary>
    public abstract CSharpCode Call(string function, params CSharpCode[] arguments);

    /// <summary>Whether the library has the function for this dialect (scalar Tanh, Atanh, Pow).</summary>
    public abstract bool Has(string function);

    /// <summary><c>l relation r ? whenTrue : whenFalse</c>, relation one of <c>&lt; &lt;= &gt; &gt;= ==</c>.</summary>
    public abstract CSharpCode Select(string relation, CSharpCode l, CSharpCode r, CSharpCode whenTrue, CSharpCode whenFalse);

    public CSharpCode Add(CSharpCode a, CSharpCode b) =>
        new(a.At(CSharpCode.Additive) + " + " + b.At(CSharpCode.Multiplicative), CSharpCode.Additive);

    public CSharpCode Subtract(CSharpCode a, CSharpCode b) =>
        new(a.At(CSharpCode.Additive) + " - " + b.At(CSharpCode.Multiplicative), CSharpCode.Additive);

    public CSharpCode Multiply(CSharpCode a, CSharpCode b) =>
        new(a.At(CSharpCode.Multiplicative) + " * " + b.At(CSharpCode.Unary), CSharpCode.Multiplicative);

    public CSharpCode Divide(CSharpCode a, CSharpCode b) =>
        new(a.At(CSharpCode.Multiplicative) + " / " + b.At(CSharpCode.Unary), CSharpCode.Multiplicative);

    public CSharpCode Negate(CSharpCode a) =>
        new("-" + (a.Text.StartsWith("-", StringComparison.Ordinal) ? "(" + a.Text + ")" : a.At(CSharpCode.Unary)), CSharpCode.Unary);

    protected static string Arguments(CSharpCode[] arguments) => string.Join(", ", arguments.Select(a => a.Text));
}

/// <summary>float/double code over <c>System.MathF</c>/<c>System.Math</c>.</summary>
internal sealed class ScalarDialect : CSharpDialect
{
    public ScalarDialect(NumericType type)
        : base(type)
    {
    }

    public override bool IsVector => false;

    private string MathType => Type == NumericType.Float32 ? MathFTypeRef : MathTypeRef;

    public override CSharpCode Constant(double value)
    {
        var text = ScalarLiteral(value);
        return new CSharpCode(text, text.StartsWith("-", StringComparison.Ordinal) ? CSharpCode.Unary : CSharpCode.Primary);
    }

    public override bool Has(string function) => function is "Tanh" or "Atanh" or "Pow" or "Exp" or "Log" or "Sqrt" or "Abs" or "Max" or "Min" or "Floor";

    public override CSharpCode Call(string function, params CSharpCode[] arguments) =>
        CSharpCode.Atom(MathType + "." + function + "(" + Arguments(arguments) + ")");

    public override CSharpCode Select(string relation, CSharpCode l, CSharpCode r, CSharpCode whenTrue, CSharpCode whenFalse) =>
        new(l.At(CSharpCode.Additive) + " " + relation + " " + r.At(CSharpCode.Additive) + " ? "
            + whenTrue.At(CSharpCode.Relational) + " : " + whenFalse.At(CSharpCode.Conditional), CSharpCode.Conditional);
}

/// <summary>Vector128/256/512 code over the static <c>System.Runtime.Intrinsics.VectorN</c> APIs.</summary>
internal sealed class VectorDialect : CSharpDialect
{
    public VectorDialect(NumericType type, VectorWidth width)
        : base(type)
    {
        VectorTypeRef = IntrinsicsNamespace + ".Vector" + (int)width;
    }

    /// <summary>E.g. <c>global::System.Runtime.Intrinsics.Vector512</c>.</summary>
    public string VectorTypeRef { get; }

    public override bool IsVector => true;

    public override CSharpCode Constant(double value) =>
        CSharpCode.Atom(VectorTypeRef + ".Create(" + ScalarLiteral(value) + ")");

    public override bool Has(string function) => function is "Exp" or "Log" or "Sqrt" or "Abs" or "Max" or "Min" or "Floor" or "CopySign";

    public override CSharpCode Call(string function, params CSharpCode[] arguments) =>
        CSharpCode.Atom(VectorTypeRef + "." + function + "(" + Arguments(arguments) + ")");

    public override CSharpCode Select(string relation, CSharpCode l, CSharpCode r, CSharpCode whenTrue, CSharpCode whenFalse)
    {
        var mask = relation switch
        {
            "<" => "LessThan",
            "<=" => "LessThanOrEqual",
            ">" => "GreaterThan",
            ">=" => "GreaterThanOrEqual",
            _ => "Equals",
        };
        return CSharpCode.Atom(VectorTypeRef + ".ConditionalSelect(" + VectorTypeRef + "." + mask + "(" + l.Text + ", " + r.Text + "), "
            + whenTrue.Text + ", " + whenFalse.Text + ")");
    }
}
