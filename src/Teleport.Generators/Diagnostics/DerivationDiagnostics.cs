using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Teleport.Generators.Model;
using Teleport.Generators.Parsing;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Diagnostics;

/// <summary>
/// The diagnostics of one [Network] class: the parser's, then the derivation's findings placed at the
/// layers they are about. The derived network holds no locations (so moving code never re-runs the
/// derivation); the parse result does, and the two meet here, in the diagnostics output.
/// </summary>
internal static class DerivationDiagnostics
{
    public static IEnumerable<DiagnosticInfo> Of(NetworkParseResult parsed, ImmutableArray<NetworkFindings> derived)
    {
        foreach (var d in parsed.Diagnostics) yield return d;
        if (parsed.Spec is not { } spec) yield break;
        foreach (var network in derived)
        {
            if (!network.Spec.Equals(spec)) continue;
            foreach (var finding in network.Findings) yield return ToDiagnostic(finding, spec, parsed.Layers);
            yield break;
        }
    }

    private static DiagnosticInfo ToDiagnostic(DerivationFinding finding, NetworkSpec spec, EquatableArray<LayerLocation> layers)
    {
        var location = finding.Layer < layers.Count ? layers[finding.Layer].ActivationOrAttribute : null;
        var name = spec.Type.Name;
        // Every message quotes σ on one line (a formula written over lines broke the message over lines).
        var formula = QuotedFormula.Of(finding.ActivationText);
        DiagnosticInfo Layer(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor) => DiagnosticInfo.Create(descriptor, location,
            finding.Layer.ToString(CultureInfo.InvariantCulture), name, formula, finding.Detail);
        return finding.Kind switch
        {
            DerivationFindingKind.NoSymmetry => Layer(DiagnosticDescriptors.NoSymmetry),
            DerivationFindingKind.ActivationOnLogits => DiagnosticInfo.Create(DiagnosticDescriptors.ActivationBeforeSoftmax, location,
                name, formula),
            // σ constant in float only: at the constant that rounds to 0, where the user wrote it if they did.
            DerivationFindingKind.ConstantActivation when finding.Constant is not null => DiagnosticInfo.Create(DiagnosticDescriptors.ConstantActivation,
                Written(finding, layers)?.Location ?? location, finding.Layer.ToString(CultureInfo.InvariantCulture), name, formula, finding.Detail),
            DerivationFindingKind.ConstantActivation => Layer(DiagnosticDescriptors.ConstantActivation),
            DerivationFindingKind.ZeroDerivative => Layer(DiagnosticDescriptors.ZeroDerivative),
            DerivationFindingKind.TooComplex => Layer(DiagnosticDescriptors.FormulaTooComplex),
            // At the constant where the user wrote it (1e-50 in elu(1e-50), 1e300 in 1e300*x); one the simplifier or
            // differentiation made, at the formula.
            DerivationFindingKind.ConstantOutsideFloat or DerivationFindingKind.ConstantBelowFloat => DiagnosticInfo.Create(DiagnosticDescriptors.ConstantOutsideFloat,
                Written(finding, layers)?.Location ?? location, finding.Layer.ToString(CultureInfo.InvariantCulture), name, formula, finding.Detail),
            DerivationFindingKind.UndefinedInFloat => Written(finding, layers) is { } written
                ? DiagnosticInfo.Create(DiagnosticDescriptors.ActivationUndefinedValue, written.Location ?? location,
                    finding.Layer.ToString(CultureInfo.InvariantCulture), finding.Detail, written.Character, written.Excerpt)
                : DiagnosticInfo.Create(DiagnosticDescriptors.ActivationUndefinedValue, location, finding.Layer.ToString(CultureInfo.InvariantCulture),
                    finding.Detail + "; no constant written in the formula has that value (the simplifier or differentiation combined it), so the whole formula is underlined",
                    "1", QuotedFormula.Of(ActivationValidator.Excerpt(finding.ActivationText, 0))),
            // No one sub-formula holds the constant: the whole formula is underlined (character 1 on), and the detail says so.
            DerivationFindingKind.UndefinedConstant => DiagnosticInfo.Create(DiagnosticDescriptors.ActivationUndefinedValue, location,
                finding.Layer.ToString(CultureInfo.InvariantCulture), finding.Detail, "1", QuotedFormula.Of(ActivationValidator.Excerpt(finding.ActivationText, 0))),
            DerivationFindingKind.UndefinedForSomeInputs => Layer(DiagnosticDescriptors.ActivationUndefinedForSomeInputs),
            DerivationFindingKind.SymmetryTooLarge => Layer(DiagnosticDescriptors.SymmetryTooLarge),
            DerivationFindingKind.ConvolutionWithoutSymmetry => DiagnosticInfo.Create(DiagnosticDescriptors.ConvolutionWithoutSymmetry, location,
                finding.Layer.ToString(CultureInfo.InvariantCulture), name, formula),
            _ => throw new System.ArgumentOutOfRangeException(nameof(finding), finding.Kind, "No diagnostic for this finding."),
        };
    }

    /// <summary>Where the user wrote the constant a finding is about, when they wrote one of its magnitude.</summary>
    private static WrittenConstantLocation? Written(DerivationFinding finding, EquatableArray<LayerLocation> layers) =>
        finding.Constant is { } value && finding.Layer < layers.Count ? layers[finding.Layer].ConstantWritten(value) : null;
}

/// <summary>A derived network's findings with the spec they belong to (what the diagnostics output needs of a derivation).</summary>
internal sealed record NetworkFindings(NetworkSpec Spec, EquatableArray<DerivationFinding> Findings);
