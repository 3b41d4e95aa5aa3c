namespace Teleport.Generators.Model;

/// <summary>
/// One [Lstm] layer: a PyTorch nn.LSTMCell with <see cref="Hidden"/> units reading <see cref="LayerSpec.InputSize"/>
/// features per sample and step, with the biases b_ih and b_hh when <see cref="HasBias"/>. A recurrent layer makes
/// the whole network recurrent: inputs are [steps, batch, InputSize] and every later layer applies at every step.
/// </summary>
internal sealed record LstmLayerSpec(int Index, int InputSize, int Hidden, bool HasBias) : LayerSpec(Index, InputSize)
{
    public override LayerKind Kind => LayerKind.Lstm;

    public override int OutputSize => Hidden;
}
