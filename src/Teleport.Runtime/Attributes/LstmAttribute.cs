using System;

namespace Teleport;

/// <summary>
/// A recurrent LSTM cell with PyTorch <c>nn.LSTMCell</c> semantics, applied at every step of a sequence:
/// G = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh [n, 4H], gates i, f, g, o in that column order,
/// c_t = σ(G_f)⊙c_{t−1} + σ(G_i)⊙tanh(G_g), h_t = σ(G_o)⊙tanh(c_t), with h and c zero at the first step.
/// Parameters <c>lstmK.weight_ih</c> [4H, in], <c>lstmK.weight_hh</c> [4H, H], <c>lstmK.bias_ih</c> [4H],
/// <c>lstmK.bias_hh</c> [4H] (K = the layer's position among all declared layers), initialised as PyTorch
/// does: U(−1/√H, 1/√H). Cells stack; <see cref="DenseAttribute"/> heads after them apply at every step.
/// </summary>
/// <example>
/// <code>
/// [Network(Inputs = 800, Loss = LossKind.MeanSquaredError)]
/// [Lstm(20)]
/// [Lstm(20)]
/// [Dense(401)]
/// public partial class MetaNet { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LstmAttribute : Attribute
{
    /// <summary>Creates a cell with <paramref name="hidden"/> units (H).</summary>
    public LstmAttribute(int hidden) => Hidden = hidden;

    /// <summary>H, the size of the hidden and cell states.</summary>
    public int Hidden { get; }

    /// <summary>Whether the cell has the biases b_ih and b_hh (PyTorch's <c>bias</c>); true by default.</summary>
    public bool Bias { get; set; } = true;
}
