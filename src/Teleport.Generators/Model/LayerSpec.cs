using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Model;

/// <summary>
/// The kinds of layer the language declares, one per layer attribute. Each kind has one spec record
/// (<see cref="LayerSpec"/>), one lowering into the tensor IR (Symbolic/Network/Layers) and one prefix for
/// its parameter names (<see cref="Symbolic.Network.ParameterNames"/>). New kinds are added here first.
/// </summary>
internal enum LayerKind
{
    /// <summary>[Dense]: PyTorch nn.Linear followed by σ.</summary>
    Dense = 0,

    /// <summary>[Conv2d]: PyTorch nn.Conv2d followed by σ (Symbolic/Network/Layers/Conv2dLayer).</summary>
    Conv2d = 1,

    /// <summary>[MaxPool2d]: PyTorch nn.MaxPool2d(k), stride k (Symbolic/Network/Layers/PoolLayer).</summary>
    MaxPool2d = 2,

    /// <summary>[AvgPool2d]: PyTorch nn.AvgPool2d(k), stride k (Symbolic/Network/Layers/PoolLayer).</summary>
    AvgPool2d = 3,

    /// <summary>[Lstm]: PyTorch nn.LSTMCell, applied at every step of a sequence (see <see cref="LstmLayerSpec"/>).</summary>
    Lstm = 4,
}

/// <summary>
/// One declared layer, as plain equatable data. <see cref="Index"/> is its position among ALL declared layers
/// (what parameter names use: fc0, conv1, lstm2, …); <see cref="InputSize"/> and <see cref="OutputSize"/> are the
/// features per sample it reads and writes (an image is C·H·W features in NCHW order).
/// </summary>
internal abstract record LayerSpec(int Index, int InputSize)
{
    public abstract LayerKind Kind { get; }

    /// <summary>Features per sample this layer writes.</summary>
    public abstract int OutputSize { get; }

    /// <summary>The image [C, H, W] an image layer reads (its input features in NCHW order); null for other kinds.</summary>
    public virtual ImageShape? InputImage => null;

    /// <summary>The image [C, H, W] an image layer writes; null for other kinds (a dense layer's output is flat).</summary>
    public virtual ImageShape? OutputImage => null;
}

/// <summary>
/// One [Dense] layer: W is [Units, InputSize]. <see cref="ActivationText"/> is the formula as written
/// ("" = identity), <see cref="Activation"/> the expression the parser read from it (unsimplified; x for
/// an empty formula). The parser only checks syntax: simplification and analysis happen once, in the
/// derivation step.
/// </summary>
internal sealed record DenseLayerSpec(int Index, int InputSize, int Units, bool HasBias, string ActivationText, Expr Activation)
    : LayerSpec(Index, InputSize)
{
    public override LayerKind Kind => LayerKind.Dense;

    public override int OutputSize => Units;
}
