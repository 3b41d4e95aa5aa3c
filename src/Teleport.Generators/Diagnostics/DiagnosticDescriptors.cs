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
        "'{0}' already declares or inherits a member named '{1}', which the Teleport generator adds to every network; rename or remove it",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NoSymmetry = Make(
        "TP0014", "Hidden layer has no teleportation symmetry",
        "Hidden layer {0} of '{1}' (σ = {2}) gets no teleportation symmetry: σ is neither the identity nor positively homogeneous, and {3}",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor ConstantActivation = Make(
        "TP0015", "Constant activation",
        "The activation of layer {0} of '{1}' (\"{2}\") is the constant {3}: the layer's output does not depend on its input, so no gradient reaches its weights or any layer before it; use an activation that depends on x",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ZeroDerivative = Make(
        "TP0016", "Activation passes no gradient",
        "The activation of layer {0} of '{1}' (\"{2}\", σ = {3}) is piecewise constant: σ′ = 0 wherever it is defined, so no gradient reaches its weights or any layer before it; use an activation with a nonzero derivative",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor FormulaTooComplex = Make(
        "TP0017", "Activation too complex to derive",
        "The activation of layer {0} of '{1}' (\"{2}\") is too complex to derive: {3}; write a simpler formula (fewer nested functions)",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ConstantOutsideFloat = Make(
        "TP0018", "Constant outside float's range",
        "The activation of layer {0} of '{1}' (\"{2}\") holds the constant {3}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NoParameterlessConstructor = Make(
        "TP0019", "Network needs a parameterless constructor",
        "The generated ToFloat32() and the trainer create '{0}' with new {0}(), which does not compile: {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor VarTypeInScope = Make(
        "TP0020", "Type named 'var' in scope",
        "A type named 'var' ({1}) is in scope in '{0}': the generated code declares its locals with 'var', which would then name that type; rename it or move it out of the network's scope",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LanguageVersionTooOld = Make(
        "TP0021", "C# 11 or later is required",
        "C# 11 or later is required: the code Teleport generates for this network uses file-local types, but the project compiles as C# {0}; set <LangVersion> to 11 or later (or remove it), no code is generated for this network until then",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TeleportNamespaceHidden = Make(
        "TP0022", "Namespace Teleport hidden by the generated method",
        "In '{0}', '{1}' means the generated method Teleport(…), not the namespace Teleport (error CS0119); write 'global::{1}', or import the namespace with 'using Teleport;' and drop the 'Teleport.' prefix",
        DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor ImageLayerNeedsInputShape = Make(
        "TP0030", "Image layer needs an input shape",
        "Layer {0} of '{1}' is a [{2}] layer, which reads an image: give [Network] the input's shape, InputShape = new[] {{ C, H, W }}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidInputShape = Make(
        "TP0031", "Input shape does not fit",
        "The InputShape of '{0}' {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor KernelLargerThanInput = Make(
        "TP0032", "Kernel larger than the padded input",
        "The {0}×{0} kernel of layer {1} of '{2}' does not fit its input {3} with padding {4} ({5}); use a smaller kernel or more padding",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor PoolDoesNotDivide = Make(
        "TP0033", "Pool does not divide its input",
        "The {0}×{0} pooling of layer {1} of '{2}' does not divide its input {3}: its height and width must be multiples of {0}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ImageLayerAfterDense = Make(
        "TP0034", "Image layer after a dense layer",
        "Layer {0} of '{1}' is a [{2}] layer after the dense layer {3}, whose output is flat; put the convolution and pooling layers before the dense ones",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NegativePadding = Make(
        "TP0035", "Negative padding",
        "The padding of layer {0} of '{1}' must not be negative, but is {2}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ImageTooLarge = Make(
        "TP0036", "Layer output too large",
        "Layer {0} of '{1}' writes an image {2} of {3} features per sample, more than the {4} one span can hold",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SymmetryTooLarge = Make(
        "TP0028", "Symmetry group too large",
        "Hidden layer {0} of '{1}' (σ = {2}) leaves out the symmetry {3}",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor ConvolutionWithoutSymmetry = Make(
        "TP0037", "Convolution has no channel symmetry",
        "Convolution layer {0} of '{1}' (σ = {2}) admits no channel symmetry: per-channel scaling needs a positively homogeneous σ and GL on channels an identity σ (the data-dependent groups S3 and S4 are derived for dense layers only)",
        DiagnosticSeverity.Info);

    // TP0040–TP0041: recurrent layers ([Lstm]).
    public static readonly DiagnosticDescriptor RecurrentAfterDense = Make(
        "TP0040", "Recurrent layer after a dense layer",
        "Layer {0} of '{1}' is an [Lstm] after the [Dense] layer {2}; declare every recurrent layer before the dense layers (the dense heads apply at every step to the last cell's output)",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor RecurrentLogits = Make(
        "TP0041", "LSTM output used as logits",
        "The last layer of '{0}' (layer {1}) is an [Lstm], whose outputs lie in (−1, 1), used as softmax cross-entropy logits; add a [Dense(classes)] head after it",
        DiagnosticSeverity.Warning);

    // TP0024–TP0025: activation values that are not defined.
    public static readonly DiagnosticDescriptor ActivationUndefinedValue = Make(
        "TP0024", "Undefined constant in activation",
        "The activation of layer {0} is undefined: {1} (at character {2} of \"{3}\")",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ActivationUndefinedForSomeInputs = Make(
        "TP0025", "Activation undefined for some inputs",
        "The activation of layer {0} of '{1}' (\"{2}\") is undefined for some inputs: {3}; the network computes NaN or ±∞ for such a pre-activation, and so does its gradient",
        DiagnosticSeverity.Warning);

    // TP0026: layers declared where nothing reads them.
    public static readonly DiagnosticDescriptor LayersWithoutNetwork = Make(
        "TP0026", "Layer attributes without [Network]",
        "'{0}' has layer attributes ({1}) but no [Network] attribute, so the generator adds nothing to it; add [Network(Inputs = …)] to declare the network",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor PaddedInputTooLarge = Make(
        "TP0027", "Padded input too large",
        "Layer {0} of '{1}' pads its input {2} by {3} on each side to {4}, a side longer than the {5} an int holds, which the convolution kernels index with; use a padding of at most the kernel size minus 1 ({6} here)",
        DiagnosticSeverity.Error);

    // TP0042: the layer kinds a network may combine.
    public static readonly DiagnosticDescriptor RecurrentWithImageLayers = Make(
        "TP0042", "Recurrent and image layers combined",
        "Layer {0} of '{1}' is {2} layer, but layer {3} is {4} layer: a network cannot combine recurrent ([Lstm]) and image ([Conv2d], [MaxPool2d], [AvgPool2d]) layers; declare a recurrent network or an image network",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NoParameters = Make(
        "TP0023", "Network has no parameters",
        "The network '{0}' has no parameters: its layers are all pooling layers, which have no weights to train; add a [Dense] or [Conv2d] layer",
        DiagnosticSeverity.Error);
}
