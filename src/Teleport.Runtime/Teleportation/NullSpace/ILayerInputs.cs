using System;
using System.Numerics;

namespace Teleport.Teleportation;

/// <summary>
/// A network that exposes each dense layer's input on a batch (H₋₁ = X for layer 0, H_{i−1} = σ(Z_{i−1}) after),
/// what the null-space teleport projects against. Generated networks implement it from their forward program.
/// </summary>
public interface ILayerInputs<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// The input of dense layer <paramref name="layer"/> (0-based, over all dense layers) on the batch
    /// <paramref name="inputs"/> [n, InputSize], with the current parameters: [n, fan-in] row-major. For layer 0
    /// this is <paramref name="inputs"/> itself; otherwise a view of the model's workspace, valid until its next call.
    /// </summary>
    ReadOnlySpan<T> LayerInput(int layer, ReadOnlySpan<T> inputs);
}
