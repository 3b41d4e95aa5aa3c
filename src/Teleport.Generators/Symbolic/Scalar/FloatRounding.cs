using System;
using System.Collections.Generic;
using System.Globalization;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// What the float code makes of a formula's constants. The emitter writes each constant as a float literal of its own
/// (<see cref="CSharpDialect.ScalarLiteral"/> casts the double to float), so a constant below float's normal range
/// that is nonzero in double (1e-50, 1e-40) becomes <c>0f</c> or a subnormal in the float network while the Float64 twin
/// keeps it: the two compute different functions. With a 0 in its place the float code may even compute something
/// undefined where the double code does not: ∞·tanh(0·x) = ∞·0, log(0·x² + 0), u/(0·x² + 0) for every input here, or at some
/// input only (x/sqrt(x² + 0) at x = 0, FloatRounding.NaN.cs). A constant beyond float's range is ±∞ there, NaN where it meets 0
/// or −∞ (FloatRounding.NaN.cs too).
/// </summary>
internal static partial class FloatRounding
{
    /// <summary>float's smallest normal magnitude, 2⁻¹²⁶ (below it a float keeps fewer than its 24 significant bits).</summary>
    public const double SmallestNormal = 1.1754943508222875E-38;

    /// <summary>The smallest subnormal float, 2⁻¹⁴⁹ (<c>float.Epsilon</c>).</summary>
    private const double SmallestSubnormal = 1.4012984643248171E-45;

    /// <summary>The value as the float code holds it (the cast the emitter writes its literals with).</summary>
    public static double Round(double value) => (float)value;

    /// <summary>Whether <paramref name="value"/> is finite and nonzero in double but 0 or subnormal in float.</summary>
    public static bool IsBelowFloat(double value) =>
        value != 0 && NumericFunctions.IsFinite(value) && Math.Abs(Round(value)) < SmallestNormal;

    /// <summary>Whether <paramref name="value"/> is finite in double but beyond float's range (float makes it ±∞).</summary>
    public static bool IsAboveFloat(double value) => NumericFunctions.IsFinite(value) && Math.Abs(value) > float.MaxValue;

    /// <summary>Whether float cannot hold <paramref name="value"/> at full precision: <see cref="IsAboveFloat"/> or <see cref="IsBelowFloat"/>.</summary>
    public static bool IsOutsideFloat(double value) => IsAboveFloat(value) || IsBelowFloat(value);

    /// <summary>Whether <paramref name="value"/> is nonzero in double but float rounds it to 0.</summary>
    public static bool RoundsToZero(double value) => value != 0 && Round(value) == 0;

    /// <summary>The first constant of <paramref name="e"/> (parents first) that <see cref="IsBelowFloat"/>; null when there is none.</summary>
    public static Constant? FindBelowFloat(Expr e) => Find(e, IsBelowFloat);

    /// <summary>The first constant of <paramref name="e"/> (parents first) that <see cref="RoundsToZero"/>; null when there is none.</summary>
    public static Constant? FindRoundingToZero(Expr e) => Find(e, RoundsToZero);

    private static Constant? Find(Expr e, System.Func<double, bool> test)
    {
        foreach (var node in ExprWalker.Nodes(e))
        {
            if (node is Constant c && test(c.Value)) return c;
        }

        return null;
    }

    /// <summary>
    /// What float makes of a value <see cref="IsBelowFloat"/>: "float rounds it to 0", or to which subnormal and how many of
    /// float's 24 significant bits that keeps (1e-40 keeps 17, 1e-44 keeps 3).
    /// </summary>
    public static string Describe(double value)
    {
        var rounded = Round(value);
        if (rounded == 0) return "float rounds it to 0";
        var units = (long)Math.Round(Math.Abs(rounded) / SmallestSubnormal);
        var bits = 0;
        for (; units > 0; units >>= 1) bits++;
        return "float rounds it to the subnormal " + ((float)rounded).ToString("G9", CultureInfo.InvariantCulture)
            + ", which keeps " + bits + " of float's 24 significant bits";
    }

    /// <summary>
    /// A sub-formula that is undefined in the float code of <paramref name="e"/> though not in double, when a constant of
    /// <paramref name="e"/> rounds to 0 in float (null otherwise, and when nothing is undefined): a division by a divisor
    /// that is 0 for every input, or a value that is the same for every input and NaN, or ±∞ computed from finite
    /// values (log(0)). Constants double cannot hold are <see cref="UndefinedConstants"/>' business, checked before.
    /// </summary>
    public static FloatUndefined? FindUndefined(Expr e)
    {
        var any = false;
        foreach (var node in ExprWalker.Nodes(e))
        {
            if (node is Constant c && RoundsToZero(c.Value))
            {
                any = true;
                break;
            }
        }

        if (!any) return null;
        var folder = new Folder();
        folder.Value(e);
        return folder.Undefined;
    }

    /// <summary>The value of <paramref name="e"/> in the float code when it is the same for every input (1e-50·x is 0 there), else null.</summary>
    public static double? ValueInFloat(Expr e) => new Folder().Value(e);

    /// <summary>
    /// The value of every sub-formula that is the same for every (finite) input in the float code, computed as the float code
    /// computes it (each constant and result rounded to float; 0·u = 0 and 0/u = 0 for u finite and nonzero), null for the
    /// others; the first undefined one found (children before parents) is kept. A <c>where</c> whose condition has a value takes
    /// only its branch: the other is never the result.
    /// </summary>
    private sealed class Folder
    {
        private readonly Dictionary<Expr, double?> _values = new(ReferenceComparer.Instance);

        public FloatUndefined? Undefined { get; private set; }

        public double? Value(Expr e)
        {
            if (_values.TryGetValue(e, out var known)) return known;
            var value = Compute(e);
            _values[e] = value;
            return value;
        }

        private double? Compute(Expr e)
        {
            switch (e)
            {
                case Constant c:
                    return Round(c.Value);
                case Unary u:
                {
                    var operand = Value(u.Operand);
                    return operand is { } v ? Checked(e, Round(UnaryRules.Evaluate(u.Operator, v)), v) : null;
                }

                case Binary b:
                {
                    var left = Value(b.Left);
                    var right = Value(b.Right);
                    if (b.Operator == BinaryOperator.Divide && right == 0)
                    {
                        Report(e, "divides by 0");
                        return left is { } l ? Round(l / 0.0) : null;
                    }

                    if (left is { } a && right is { } r) return Checked(e, Round(BinaryRules.Evaluate(b.Operator, a, r)), a, r);
                    if (b.Operator == BinaryOperator.Multiply && (left == 0 || right == 0)) return 0;
                    if (b.Operator == BinaryOperator.Divide && left == 0) return 0;
                    if (b.Operator == BinaryOperator.Power && right == 0) return 1;
                    return null;
                }

                case Conditional c:
                {
                    var l = Value(c.Condition.Left);
                    var r = Value(c.Condition.Right);
                    if (l is { } lv && r is { } rv)
                    {
                        return Value(ComparisonRules.Evaluate(c.Condition.Operator, lv, rv) ? c.WhenTrue : c.WhenFalse);
                    }

                    var whenTrue = Value(c.WhenTrue);
                    var whenFalse = Value(c.WhenFalse);
                    return whenTrue is { } t && whenFalse is { } f && t.Equals(f) ? t : null;
                }

                default:
                    return null;
            }
        }

        /// <summary><paramref name="result"/>, reported when it is NaN from operands that are not, or ±∞ from finite operands.</summary>
        private double Checked(Expr e, double result, double a, double b = 0)
        {
            if (double.IsNaN(result) && !double.IsNaN(a) && !double.IsNaN(b))
            {
                Report(e, "is NaN");
            }
            else if (double.IsInfinity(result) && NumericFunctions.IsFinite(a) && NumericFunctions.IsFinite(b))
            {
                Report(e, "is " + (result > 0 ? "+∞" : "−∞"));
            }

            return result;
        }

        private void Report(Expr e, string what)
        {
            Undefined ??= new FloatUndefined(e, what);
        }
    }

    /// <summary><paramref name="e"/> with each constant rounded to float: the formula the float code computes.</summary>
    public static Expr AsFloat(Expr e) => ExprWalker.Rewrite(e, n => n is Constant c ? new Constant(Round(c.Value)) : n);
}

/// <summary>
/// A sub-formula undefined in float: <see cref="At"/> as derived (<see cref="FloatRounding.AsFloat"/> gives it as the float
/// code computes it), and what goes wrong (<see cref="What"/>: "divides by 0", "is NaN", "is −∞").
/// </summary>
internal sealed record FloatUndefined(Expr At, string What);
