using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. Parse: [Network] classes → equatable NetworkSpec + diagnostics (the only Roslyn-aware step).
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(AttributeNames.Network, static (node, _) => node is ClassDeclarationSyntax, NetworkParser.Parse)
            .WithTrackingName(Steps.Parse);

        // 2. Diagnostics flow through their own output, so reporting never re-runs derivation.
        context.RegisterSourceOutput(parsed.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var d in diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
        });

        // 3. Spec: only valid declarations go on; an edit that leaves the spec equal stops here (cached).
        var specs = parsed
            .Where(static r => r.Spec is not null)
            .Select(static (r, _) => r.Spec!)
            .WithTrackingName(Steps.Spec);

        // 4. Derive: forward, loss, gradient (reverse mode), HVP (R-operator) — the expensive, cached step.
        var derived = specs.Select(static (spec, ct) => NetworkDerivation.Derive(spec, ct)).WithTrackingName(Steps.Derive);

        // 5. Emit: C# text for the partial class, its Float64 twin and the operator structs.
        context.RegisterSourceOutput(derived, static (spc, network) =>
            spc.AddSource(NetworkEmitter.HintName(network.Spec), NetworkEmitter.Emit(network)));
    }
}
