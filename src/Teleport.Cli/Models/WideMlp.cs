using Teleport;

namespace Teleport.Cli.Models;

/// <summary><c>wide-mlp</c>: 784-512-512-10, ReLU, bias, cross-entropy (the wide benchmark network).</summary>
[Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(512, Activation = "relu")]
[Dense(512, Activation = "relu")]
[Dense(10)]
public partial class WideMlp
{
}
