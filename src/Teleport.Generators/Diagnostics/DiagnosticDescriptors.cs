using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are TPnnnn, stable and never reused; each has a
/// page docs/diagnostics/TPnnnn.md with a bad and a good example, and a test.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Teleport";
    private const string HelpBase = "https://github.com/teleport-ml/teleport/blob/main/docs/diagnostics/";

    private static DiagnosticDescriptor Make(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");

    public static readonly DiagnosticDescriptor NotPartial = Make(
        "TP0001", "Network type must be partial",
        "'{0}' must be declared partial so the Teleport generator can add the network members{1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NoLayers = Make(
        "TP0002", "Network has no layers",
        "The network '{0}' declares no [Dense] layers; add at least one [Dense(units)] attribute",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Make(
        "TP0003", "Layers split across partial declarations",
        "The [Dense] layers of '{0}' are split across {1} partial declarations; put them all on one declaration so their order is defined",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NonPositiveSize = Make(
        "TP0004", "Size must be positive",
        "{0} of the network '{1}' must be a positive number, but is {2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ActivationSyntax = Make(
        "TP0005", "Activation formula is not valid",
        "The activation of layer {0} is not a valid formula: {1} (at character {2} of \"{3}\")",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ActivationUnknownName = Make(
        "TP0006", "Unknown function or name in activation",
        "The activation of layer {0} uses an unknown name: {1} (at character {2} of \"{3}\")",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ActivationArity = Make(
        "TP0007", "Wrong arguments in activation",
        "The activation of layer {0} calls a function with wrong arguments: {1} (at character {2} of \"{3}\")",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor CrossEntropyNeedsClasses = Make(
        "TP0008", "Cross-entropy needs at least two classes",
        "Softmax cross-entropy needs at least 2 outputs, but the last layer of '{0}' has {1}; use LossKind.MeanSquaredError for a single output",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ActivationBeforeSoftmax = Make(
        "TP0009", "Activation on the logits",
        "The last layer of '{0}' applies '{1}' to the logits before the softmax cross-entropy, which expects raw logits; omit Activation on the last layer unless this is intended",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsupportedType = Make(
        "TP0010", "Unsupported network type",
        "'{0}' cannot be a network: {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnknownLoss = Make(
        "TP0011", "Unknown loss",
        "The loss value {0} of '{1}' is not a LossKind; use LossKind.SoftmaxCrossEntropy or LossKind.MeanSquaredError",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TooManyParameters = Make(
        "TP0012", "Too many parameters",
        "The network '{0}' has {1} parameters, more than the {2} a single parameter span can hold",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MemberConflict = Make(
        "TP0013", "Member name reserved by the generator",
        "'{0}' already declares a member named '{1}', which the Teleport generator adds to every network; rename it",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NoSymmetry = Make(
        "TP0014", "Hidden layer has no teleportation symmetry",
        "Hidden layer {0} of '{1}' (σ = {2}) admits no teleportation symmetry: σ is neither the identity, positively homogeneous, nor invertible",
        DiagnosticSeverity.Info);

    // TP0040–TP0029: recurrent layers ([Lstm]).
    public static readonly DiagnosticDescriptor RecurrentAfterDense = Make(
        "TP0040", "Recurrent layer after a dense layer",
        "Layer {0} of '{1}' is an [Lstm] after the [Dense] layer {2}; declare every recurrent layer before the dense layers (the dense heads apply at every step to the last cell's output)",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RecurrentLogits = Make(
        "TP0041", "LSTM output used as logits",
        "The last layer of '{0}' (layer {1}) is an [Lstm], whose outputs lie in (−1, 1), used as softmax cross-entropy logits; add a [Dense(classes)] head after it",
        DiagnosticSeverity.Warning);
}
