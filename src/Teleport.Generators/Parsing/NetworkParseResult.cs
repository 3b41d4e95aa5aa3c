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

/// <summary>
/// Where layer i's attribute and its Activation argument (if it has one) are (either may be unknown), and where the
/// activation's constants outside float's normal range were written (<see cref="ConstantsOutsideFloat"/>, innermost first).
/// </summary>
internal sealed record LayerLocation(LocationInfo? Attribute, LocationInfo? Activation)
{
    /// <summary>The activation's location, else the attribute's.</summary>
    public LocationInfo? ActivationOrAttribute => Activation ?? Attribute;

    public EquatableArray<WrittenConstantLocation> ConstantsOutsideFloat { get; init; } = EquatableArray<WrittenConstantLocation>.Empty;

    /// <summary>The first constant written with the magnitude of <paramref name="value"/> (simplification may have moved its sign), or null.</summary>
    public WrittenConstantLocation? ConstantWritten(double value)
    {
        foreach (var constant in ConstantsOutsideFloat)
        {
            if (System.Math.Abs(constant.Value) == System.Math.Abs(value)) return constant;
        }

        return null;
    }
}

/// <summary>
/// A constant of an activation as written: its value, the 1-based character of the formula it starts at and the formula
/// around it (as TP0024 quotes them), and its place in the source (null when the formula is not a string literal).
/// </summary>
internal sealed record WrittenConstantLocation(double Value, string Character, string Excerpt, LocationInfo? Location);
