using Teleport.Generators.Model;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// One parameter tensor of a layer as the outside world sees it: its PyTorch state_dict name
/// (<see cref="ParameterNames"/>), its PyTorch shape (a convolution's weight is [out, in, kH, kW] even though
/// the IR reads it as the 2-D <see cref="Tensor"/> [out, in·kH·kW]), and the bound b of its default
/// initialisation U(−b, b) (PyTorch's: 1/√fan_in for nn.Linear), with b's formula for comments ("1/√784").
/// </summary>
internal sealed record ParameterTensor(string Name, Tensor Tensor, EquatableArray<int> Shape, double InitBound, string InitBoundText)
{
    /// <summary>Number of values.</summary>
    public int Length => Tensor.Rows * Tensor.Columns;
}
