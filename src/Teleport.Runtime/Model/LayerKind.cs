namespace Teleport;

/// <summary>
/// The kind of a declared layer, one per layer attribute (<see cref="LayerInfo.Kind"/>). Mirrors the generator's
/// layer kinds member for member; new layer kinds add members here.
/// </summary>
public enum LayerKind
{
    /// <summary>[Dense]: PyTorch <c>nn.Linear</c> followed by σ.</summary>
    Dense = 0,

    /// <summary>[Conv2d]: PyTorch <c>nn.Conv2d</c> followed by σ.</summary>
    Conv2d = 1,

    /// <summary>[MaxPool2d]: PyTorch <c>nn.MaxPool2d(k)</c>, stride k; no parameters.</summary>
    MaxPool2d = 2,

    /// <summary>[AvgPool2d]: PyTorch <c>nn.AvgPool2d(k)</c>, stride k; no parameters.</summary>
    AvgPool2d = 3,

    /// <summary>[Lstm]: PyTorch <c>nn.LSTMCell</c>, applied at every step of a sequence (OutputSize = its hidden size).</summary>
    Lstm = 4,
}
