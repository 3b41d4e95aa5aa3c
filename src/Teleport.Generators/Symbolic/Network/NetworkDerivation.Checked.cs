using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The derivation as the generator runs it: it never throws on a spec the parser accepted. Each layer's σ is
/// analysed within the CAS's work bound (<see cref="ComplexityBudget"/>); a σ that passes no gradient (constant,
/// or σ′ = 0 everywhere) is refused before reverse mode would find a parameter that does not affect the loss;
/// the programs are derived within a bound too. A refusal is a finding (an error diagnostic) and no code.
/// </summary>
internal static partial class NetworkDerivation
{
    public static DerivationResult TryDerive(NetworkSpec spec, CancellationToken cancellationToken = default)
    {
        // Each simplification and derivative computed once per derivation, its work charged at each use (CasMemo).
        using var memo = CasMemo.Enter();
        var layers = new List<DerivedLayer>();
        var offset = 0;
        // σ analysed once per formula: the same σ analyses the same within each layer's bound (ActivationAnalyses).
        var analyses = new ActivationAnalyses();
        foreach (var layer in spec.Layers)
        {
            try
            {
                if (Activation(layer) is { } activation) ComplexityBudget.CheckFormula(activation);
                using (ComplexityBudget.Enter()) layers.Add(DeriveLayer(layer, analyses, ref offset));
            }
            catch (FormulaTooComplexException e)
            {
                return Refused(spec, new DerivationFinding(DerivationFindingKind.TooComplex, layer.Index, ActivationText(layer), e.Message));
            }
        }

        var refusals = layers.Select(Refusal).OfType<DerivationFinding>().ToList();
        if (refusals.Count > 0) return new DerivationResult(spec, null, refusals.ToEquatableArray());
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            // The programs take σ′ and σ″ of every layer again (with renamed variables) for each statement: a bound
            // proportional to the layer count, each layer's formulas having passed their own.
            using (ComplexityBudget.Enter(ComplexityBudget.MaxWork * (2 + layers.Count)))
            {
                var network = Derive(spec, layers, cancellationToken);
                var emitted = EmittedFormulas(network);
                if (emitted.Select(f => UndefinedConstant(layers[f.Layer], f.Name, f.Formula, f.Arguments)).OfType<DerivationFinding>().FirstOrDefault() is { } undefined)
                    return Refused(spec, undefined);
                if (emitted.Select(f => UndefinedInFloat(layers[f.Layer], f.Name, f.Formula, f.Arguments)).OfType<DerivationFinding>().FirstOrDefault() is { } undefinedInFloat)
                    return Refused(spec, undefinedInFloat);
                // Last: NaN at some input of the float code (∞·0 where a constant beyond float's range is ±∞) is a finding about
                // formulas whose constants are all defined in double (elu(1e-155)'s (σ⁻¹)″ divides by 0 there, which says more).
                if (layers.Select(NaNInFloat).Concat(emitted.Select(f => NaNInFloat(layers[f.Layer], f.Name, f.Formula, f.Inputs, f.Arguments)))
                        .OfType<DerivationFinding>().FirstOrDefault() is { } nanInFloat)
                    return Refused(spec, nanInFloat);
                var findings = network.Findings
                    .Concat(layers.Select(l => FloatRange(l, emitted.Where(f => f.Layer == l.Index))).OfType<DerivationFinding>())
                    .Concat(layers.Select(UndefinedInput).OfType<DerivationFinding>())
                    .ToEquatableArray();
                return new DerivationResult(spec, network with { Findings = findings }, findings);
            }
        }
        catch (FormulaTooComplexException e)
        {
            // Attributed to the layer whose σ″ is largest: the formulas the programs re-derive are its.
            var culprit = layers.OrderByDescending(l => ComplexityBudget.TreeSize(l.Properties.SecondDerivative)).First();
            return Refused(spec, new DerivationFinding(DerivationFindingKind.TooComplex, culprit.Index, culprit.ActivationText, e.Message));
        }
    }

    /// <summary>
    /// σ, σ′, σ″ or σ⁻¹ holding a constant that is NaN or ±∞ in double (before the constant-σ check: x − (x − 1e308) + 1e308
    /// simplifies to ∞); σ constant (no x left after simplification) or piecewise constant (σ′ ≡ 0): no gradient passes the layer;
    /// σ, σ′, σ″ or σ⁻¹ undefined in float only, where a constant float rounds to 0 is 0 (<see cref="UndefinedInFloat"/>).
    /// (NaN in float at some input, where a constant beyond float's range is ±∞, is checked once the programs are derived:
    /// <see cref="NaNInFloat(DerivedLayer)"/>, after every formula's constants were found defined in double.)
    /// </summary>
    private static DerivationFinding? Refusal(DerivedLayer layer)
    {
        var p = layer.Properties;
        var undefined = UndefinedConstant(layer, "σ", layer.Activation)
            ?? UndefinedConstant(layer, "σ′", p.FirstDerivative)
            ?? UndefinedConstant(layer, "σ″", p.SecondDerivative)
            ?? (p.Inverse is { } inverse ? UndefinedConstant(layer, "σ⁻¹", inverse) : null);
        if (undefined is not null)
        {
            return undefined;
        }

        if (!layer.Activation.DependsOn(ActivationLanguage.InputVariable))
            return new DerivationFinding(DerivationFindingKind.ConstantActivation, layer.Index, layer.ActivationText, MathText.Format(layer.Activation));
        if (layer.Properties.FirstDerivative is Constant { Value: 0 } || IsZeroInEverySignCase(layer.Properties.FirstDerivative))
            return new DerivationFinding(DerivationFindingKind.ZeroDerivative, layer.Index, layer.ActivationText, MathText.Format(layer.Activation));
        return ConstantInFloat(layer)
            ?? UndefinedInFloat(layer, "σ", layer.Activation)
            ?? UndefinedInFloat(layer, "σ′", p.FirstDerivative)
            ?? UndefinedInFloat(layer, "σ″", p.SecondDerivative)
            ?? (p.Inverse is { } floatInverse ? UndefinedInFloat(layer, "σ⁻¹", floatInverse) : null);
    }

    /// <summary>σ′ proved 0 in every case of its abs and sign arguments' signs (<see cref="SignCases"/>), within the CAS's work bound (past it: not proved).</summary>
    private static bool IsZeroInEverySignCase(Expr derivative)
    {
        try
        {
            using (ComplexityBudget.Enter()) return SignCases.IsZeroInEveryCase(derivative);
        }
        catch (FormulaTooComplexException)
        {
            return false;
        }
    }

    /// <summary>Formulas the message quotes are cut to this many characters.</summary>
    private const int MaxQuoted = 80;

    /// <summary>
    /// A constant of <paramref name="formula"/> (σ simplified, a derivative, σ⁻¹, or a formula the emitter writes: a kernel
    /// operator, a program's map in its arguments a0, a1, …) that is NaN or ±∞ in double, or a division by a constant that is
    /// 0 in double, as a refusal. The parser sees one sum or product chain at a time, so no sub-formula the user wrote holds
    /// it: the message says where it appeared and that the whole formula is meant.
    /// </summary>
    private static DerivationFinding? UndefinedConstant(DerivedLayer layer, string name, Expr formula, string arguments = "")
    {
        if (UndefinedConstants.Find(formula) is not { } found) return null;
        var division = UndefinedConstants.IsDivisionByZero(found);
        var value = division ? "a divisor of 0" : UndefinedConstants.Describe(found);
        var origin = name switch
        {
            "σ" => "the constants of σ combine to " + value + " in double precision only once the simplifier has combined them across parentheses",
            "σ⁻¹" => "inverting σ combines its constants to " + value + " in double precision",
            _ when name.StartsWith("(σ⁻¹)", System.StringComparison.Ordinal) => "inverting and differentiating σ combines its constants to " + value + " in double precision",
            _ => "differentiating σ combines its constants to " + value + " in double precision",
        };
        var shown = (name == "σ" ? "σ simplifies to " : name + " = ") + ActivationParser.Elide(MathText.Format(formula), MaxQuoted) + arguments;
        string which;
        if (division)
        {
            var divisor = ((Binary)found).Right;
            which = "which divides by the constant " + (divisor is Constant ? "0" : ActivationParser.Elide(MathText.Format(divisor), MaxQuoted) + " = 0");
        }
        else
        {
            which = "which holds the constant " + (found is Constant ? value : ActivationParser.Elide(MathText.Format(found), MaxQuoted) + " = " + value);
        }
        var detail = shown + ", " + which + ": " + origin
            + "; no one sub-formula holds it, so the whole formula is underlined; write constants whose products and sums stay finite" + (division ? " and nonzero" : "");
        return new DerivationFinding(DerivationFindingKind.UndefinedConstant, layer.Index, layer.ActivationText, detail);
    }

    /// <summary>
    /// An input where σ is undefined (log(x) at x = −1), as a warning; the sweep found log(x) and sqrt(x) accepted silently
    /// (and, later, on a convolution, which has a σ as a dense layer has).
    /// </summary>
    private static DerivationFinding? UndefinedInput(DerivedLayer layer) =>
        layer.Kind is LayerKind.Dense or LayerKind.Conv2d && DomainCheck.FindUndefinedInput(layer.Activation, ActivationLanguage.InputVariable) is { } where
            ? new DerivationFinding(DerivationFindingKind.UndefinedForSomeInputs, layer.Index, layer.ActivationText, where)
            : null;

    private static DerivationResult Refused(NetworkSpec spec, DerivationFinding finding) =>
        new(spec, null, new[] { finding }.ToEquatableArray());

    /// <summary>The σ the user wrote, for the layers that have one ([Dense] and [Conv2d]).</summary>
    private static Expr? Activation(LayerSpec layer) => layer switch
    {
        DenseLayerSpec dense => dense.Activation,
        Conv2dLayerSpec conv => conv.Activation,
        _ => null,
    };

    /// <summary>The formula as written, quoted by TP0017 ("" for a layer without one).</summary>
    private static string ActivationText(LayerSpec layer) => layer switch
    {
        DenseLayerSpec dense => dense.ActivationText,
        Conv2dLayerSpec conv => conv.ActivationText,
        _ => "",
    };
}
