using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The float network against its Float64 twin. The emitter writes every formula twice and each constant as a literal of
/// the element type (<see cref="CSharpDialect.ScalarLiteral"/>), so a constant double holds but float does not is computed
/// with another value in the float network only: ±∞ above float's range, 0 or a subnormal below it. That is a warning
/// (TP0018) while the float code stays defined — the two networks differ, the teleporter's loss guard (which evaluates the
/// twin) included — and an error (TP0024) when a 0 in its place makes the float code undefined (0/0, log(0), ∞·0 for every
/// input), a 0 or subnormal in its place makes it NaN at some input (x/sqrt(x² + 0) is 0/0 at x = 0), or ±∞ in its place
/// meets 0 or −∞ at some input (∞·0 at x = 0 in leaky_relu(1e308)): the float network would compute NaN where the twin
/// computes a number.
/// </summary>
internal static partial class NetworkDerivation
{
    /// <summary>Magnitudes float holds at full precision, as the messages write them.</summary>
    private const string FloatNormalRange = "1.1754944E-38 to 3.4028235E+38";

    /// <summary>
    /// The first constant of σ, σ′, σ″, then of the other formulas the emitter writes for the layer (<paramref name="emitted"/>:
    /// σ‴, the programs' maps, the orbit kernels' operators) that float cannot hold, as a warning: beyond its range
    /// (float.MaxValue &lt; |c| &lt; ∞), or below its normal range (nonzero, but 0 or subnormal in float: 1e-50, 1e-40).
    /// Constants that are ±∞ or NaN in double were refused as TP0024 before (<see cref="Refusal"/>, <see cref="EmittedFormulas"/>),
    /// so the Float64 twin does compute with the value: TP0018 said so of x·∞ too. One constant per layer: σ's come first,
    /// and the derived formulas' constants (1e-50 in σ, 1e+50 in σ⁻¹) follow from them.
    /// </summary>
    private static DerivationFinding? FloatRange(DerivedLayer layer, IEnumerable<EmittedFormula> emitted)
    {
        var formulas = new[] { ("", layer.Activation), (" in σ′", layer.Properties.FirstDerivative), (" in σ″", layer.Properties.SecondDerivative) }
            .Concat(emitted.Select(f => (" in " + f.Name, f.Formula)));
        foreach (var (where, formula) in formulas)
        {
            foreach (var node in ExprWalker.Nodes(formula))
            {
                if (node is not Constant c) continue;
                var value = c.Value.ToString("R", CultureInfo.InvariantCulture);
                if (FloatRounding.IsAboveFloat(c.Value))
                {
                    return new DerivationFinding(DerivationFindingKind.ConstantOutsideFloat, layer.Index, layer.ActivationText,
                        value + where + ", beyond float's range (±3.4028235E+38): the float network computes with ±∞ there (its Float64 twin with the value)",
                        c.Value);
                }

                if (FloatRounding.IsBelowFloat(c.Value))
                {
                    var rounded = FloatRounding.Round(c.Value) == 0 ? "0" : "that subnormal";
                    return new DerivationFinding(DerivationFindingKind.ConstantBelowFloat, layer.Index, layer.ActivationText,
                        value + where + ", below float's normal range (" + FloatNormalRange + "): " + FloatRounding.Describe(c.Value)
                        + ", so the float network computes with " + rounded + " there (its Float64 twin with the value)" + ConstantAdvice,
                        c.Value);
                }
            }
        }
        return null;
    }

    /// <summary>
    /// σ constant in the float code only, because a constant float rounds to 0 took x out of it (1e-50·x is 0·x): as refused
    /// as a σ constant in double (TP0015), since the float network, the one that trains, passes no gradient through the layer.
    /// Reported at that constant, where the user wrote it if they did.
    /// </summary>
    private static DerivationFinding? ConstantInFloat(DerivedLayer layer)
    {
        if (FloatRounding.ValueInFloat(layer.Activation) is not { } value || !NumericFunctions.IsFinite(value)) return null;
        // Only a 0 multiplies or divides x away (0·u, 0/u), and σ depends on x in double: some constant rounds to 0 in float.
        if (FloatRounding.FindRoundingToZero(layer.Activation) is not { } zero) return null;
        return new DerivationFinding(DerivationFindingKind.ConstantActivation, layer.Index, layer.ActivationText,
            MathText.Number(value) + " in float, where the constant " + MathText.Number(zero.Value)
            + " rounds to 0 (the Float64 twin keeps it, but the float network is the one that trains)", zero.Value);
    }

    /// <summary>What a message about a constant below float's normal range tells the user to do.</summary>
    private const string ConstantAdvice =
        "; rescale the formula so that its constants, and those its derivatives combine them into, lie within float's normal range, or drop terms that small";

    /// <summary>
    /// <paramref name="formula"/> (σ, a derivative, σ⁻¹ or another formula the emitter writes, named <paramref name="name"/>)
    /// undefined in its float code only (<see cref="FloatRounding.FindUndefined"/>): with a constant float rounds to 0 in its
    /// place it divides by 0 or computes NaN or ±∞ for every input, where the Float64 twin computes a number. An error,
    /// reported at the constant (where the user wrote it, if they did).
    /// </summary>
    private static DerivationFinding? UndefinedInFloat(DerivedLayer layer, string name, Expr formula, string arguments = "")
    {
        if (FloatRounding.FindUndefined(formula) is not { } undefined) return null;
        // The 0 in the undefined sub-formula first; one elsewhere in the formula when the simplifier moved it out.
        var zero = (FloatRounding.FindRoundingToZero(undefined.At) ?? FloatRounding.FindRoundingToZero(formula))!;
        var shown = (name == "σ" ? "σ = " : name + " = ") + ActivationParser.Elide(MathText.Format(formula), MaxQuoted) + arguments;
        var detail = "in float, " + shown + ", which holds the constant " + MathText.Number(zero.Value) + ": float rounds it to 0, and with 0 there the float code's "
            + ActivationParser.Elide(MathText.Format(FloatRounding.AsFloat(undefined.At)), MaxQuoted) + " " + undefined.What
            + "; the Float64 twin keeps the value, but the float network would compute NaN or ±∞ there" + ConstantAdvice;
        return new DerivationFinding(DerivationFindingKind.UndefinedInFloat, layer.Index, layer.ActivationText, detail, zero.Value);
    }

    /// <summary>σ, σ′ or σ″ computing NaN in float at some input (<see cref="NaNInFloat(DerivedLayer, string, Expr, Interval, string)"/>).</summary>
    private static DerivationFinding? NaNInFloat(DerivedLayer layer) =>
        NaNInFloat(layer, "σ", layer.Activation, Interval.Real)
        ?? NaNInFloat(layer, "σ′", layer.Properties.FirstDerivative, Interval.Real)
        ?? NaNInFloat(layer, "σ″", layer.Properties.SecondDerivative, Interval.Real);

    /// <summary>
    /// <paramref name="formula"/> (σ, a derivative, σ⁻¹ or another formula the emitter writes, named <paramref name="name"/>)
    /// computing NaN in its float code at a finite input (within <paramref name="inputs"/>: σ⁻¹ takes σ's range) because of a
    /// constant outside float's range (<see cref="FloatRounding.FindNaNFromConstantOutsideFloat"/>): beyond it, ±∞ there —
    /// leaky_relu(1e308) is where(x &gt; 0, x, ∞·x) in float, ∞·0 = NaN at x = 0 — or below it, 0 or a subnormal there —
    /// x + sqrt(1e-50 + x²) has σ′ = 1 + x/sqrt(x² + 0) in float, 0/0 = NaN at x = 0. Not the ±∞ or the other values TP0018
    /// warns of: a network that computes NaN for a finite input is undefined in float, at some inputs as much as at every one
    /// (<see cref="UndefinedInFloat"/>). An error (TP0024), reported at the constant (where the user wrote it, if they did).
    /// </summary>
    private static DerivationFinding? NaNInFloat(DerivedLayer layer, string name, Expr formula, Interval inputs, string arguments = "")
    {
        if (FloatRounding.FindNaNFromConstantOutsideFloat(formula, inputs) is not { } nan) return null;
        var shown = (name == "σ" ? "σ = " : name + " = ") + ActivationParser.Elide(MathText.Format(formula), MaxQuoted) + arguments;
        var above = FloatRounding.IsAboveFloat(nan.Constant);
        var rounding = above
            ? ", beyond float's range (±3.4028235E+38): float makes it " + (nan.Constant > 0 ? "+∞" : "−∞")
            : ", below float's normal range (" + FloatNormalRange + "): " + FloatRounding.Describe(nan.Constant);
        var detail = "in float, " + shown + ", which holds the constant " + MathText.Number(nan.Constant) + rounding + ", and at " + nan.Inputs
            + " the float code's " + ActivationParser.Elide(MathText.Format(FloatRounding.AsFloat(nan.At)), MaxQuoted) + " is " + nan.What
            + " = NaN, where the Float64 twin computes " + MathText.Number(nan.Twin)
            + "; a float network that computes NaN for a finite input is undefined, "
            + (above ? "not computing with ±∞; use constants within float's range, in the formula and in the derivatives that combine them"
                : "not only computing with " + (FloatRounding.RoundsToZero(nan.Constant) ? "0" : "that subnormal") + " in the constant's place" + ConstantAdvice);
        return new DerivationFinding(DerivationFindingKind.UndefinedInFloat, layer.Index, layer.ActivationText, detail, nan.Constant);
    }
}
