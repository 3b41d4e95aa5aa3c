using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Emit;
using Teleport.Generators.Parsing;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators;

/// <summary>
/// The Teleport source generator: [Network]/[Dense] class → NetworkSpec → derived math → C#.
/// This file holds only the pipeline; the logic lives in Parsing/, Symbolic/ and Emit/.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TeleportGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps (for incremental-caching tests).</summary>
    public static class Steps
    {
        public const string Parse = "Parse";
        public const string Spec = "Spec";
        public const string Derive = "Derive";
        public const string Findings = "Findings";
        public const string HintName = "HintName";
        public const string LanguageVersion = "LanguageVersion";
        public const string LayersWithoutNetwork = "LayersWithoutNetwork";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 0. Language version: the generated code needs C# 11 (file-local types). Only the effective version flows on,
        //    so other changes to the parse options leave everything after it cached.
        var languageVersion = context.ParseOptionsProvider
            .Select(static (options, _) => LanguageVersionCheck.EffectiveVersion(options))
            .WithTrackingName(Steps.LanguageVersion);

        // 1. Parse: [Network] classes → equatable NetworkSpec (formulas parsed once, syntax checked) + diagnostics
        //    and layer locations. The only Roslyn-aware step; it re-runs on every edit of the class's file.
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Network, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, NetworkParser.Parse)
            .WithTrackingName(Steps.Parse);

        // 2. Spec: only valid declarations go on; an edit that leaves the spec equal stops here (cached).
        var specs = parsed
            .Where(static r => r.Spec is not null)
            .Select(static (r, _) => r.Spec!)
            .WithTrackingName(Steps.Spec);

        // 3. Derive: activation analysis, forward, loss, gradient (reverse mode), HVP (R-operator),
        //    symmetries — the expensive, cached step, and the only one that analyses a formula.
        //    A spec the derivation refuses (constant σ, past the CAS's work bound) yields findings and no network.
        var derived = specs.Select(static (spec, ct) => NetworkDerivation.TryDerive(spec, ct)).WithTrackingName(Steps.Derive);

        // 4. Diagnostics through their own output: the parser's, the derivation's findings placed at
        //    their layers' locations, and TP0021 when the C# is too old, so reporting never re-runs derivation or emission.
        var findings = derived
            .Select(static (result, _) => new NetworkFindings(result.Spec, result.Findings))
            .WithTrackingName(Steps.Findings)
            .Collect();
        context.RegisterSourceOutput(parsed.Combine(findings).Combine(languageVersion), static (spc, pair) =>
        {
            foreach (var d in DerivationDiagnostics.Of(pair.Left.Left, pair.Left.Right)) spc.ReportDiagnostic(d.ToDiagnostic());
            if (LanguageVersionCheck.Diagnostic(pair.Left.Left, pair.Right) is { } tooOld) spc.ReportDiagnostic(tooOld.ToDiagnostic());
        });

        // 5. Hint names: the compiler compares them ignoring case, so a network whose name differs from another's only
        //    in case gets a suffix; an unrelated edit leaves each (name, network) pair equal and its emission cached.
        var hintNames = specs.Select(static (spec, _) => NetworkEmitter.HintName(spec)).Collect();
        var networks = derived.Where(static r => r.Network is not null).Select(static (r, _) => r.Network!)
            .Combine(hintNames)
            .Select(static (pair, _) => new NamedNetwork(Identifiers.UniqueHintName(NetworkEmitter.HintName(pair.Left.Spec), pair.Right), pair.Left))
            .WithTrackingName(Steps.HintName);

        // 6. Emit: C# text for the partial class, its Float64 twin and the operator structs (nothing before C# 11: TP0021).
        context.RegisterSourceOutput(networks.Combine(languageVersion), static (spc, pair) =>
        {
            if (LanguageVersionCheck.IsSupported(pair.Right)) spc.AddSource(pair.Left.HintName, NetworkEmitter.Emit(pair.Left.Network));
        });

        // 7. Layer attributes on a class without [Network]: the steps above never see it, so it would get nothing
        //    silently; TP0026 at its first layer attribute (one pipeline per layer attribute, one warning per declaration).
        foreach (var layer in AttributeNames.Layers)
        {
            var orphans = context.SyntaxProvider
                .ForAttributeWithMetadataName(layer, static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax, LayersWithoutNetwork.Check)
                .Where(static d => d is not null)
                .WithTrackingName(Steps.LayersWithoutNetwork);
            context.RegisterSourceOutput(orphans, static (spc, d) => spc.ReportDiagnostic(d!.ToDiagnostic()));
        }
    }
}
