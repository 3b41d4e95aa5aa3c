using System;

namespace Teleport;

/// <summary>
/// A fully connected layer h = σ(W·h₋₁ + b) with <c>W</c> stored [out, in] row-major
/// (PyTorch <c>nn.Linear</c> layout). Layers are taken in source order.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Creates a layer with <paramref name="units"/> outputs.</summary>
    public DenseAttribute(int units) => Units = units;

    /// <summary>Number of outputs of the layer.</summary>
    public int Units { get; }

    /// <summary>
    /// The activation as a formula in <c>x</c> (e.g. <c>"leaky_relu(0.1)"</c>, <c>"tanh"</c>,
    /// <c>"x / (1 + abs(x))"</c>). <see langword="null"/> or empty means identity.
    /// </summary>
    public string? Activation { get; set; }

    /// <summary>Whether the layer has a bias vector; true by default.</summary>
    public bool Bias { get; set; } = true;
}
