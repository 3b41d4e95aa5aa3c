using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>
/// The parse stage's output: the spec (null when the declaration is unusable), its diagnostics, and
/// where each layer was declared, so that what the derivation finds about a layer (no symmetry, an
/// activation on the logits) can be reported at the right place without putting locations in the spec.
/// <see cref="Network"/> is the [Network] attribute's location (null when this declaration does not generate),
/// where diagnostics about the whole network that the parser cannot see (the language version) are reported.
/// </summary>
internal sealed record NetworkParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<LayerLocation> Layers, LocationInfo? Network);

/// <summary>Where layer i's attribute and its Activation argument (if it has one) are (either may be unknown).</summary>
internal sealed record LayerLocation(LocationInfo? Attribute, LocationInfo? Activation)
{
    /// <summary>The activation's location, else the attribute's.</summary>
    public LocationInfo? ActivationOrAttribute => Activation ?? Attribute;
}
