using Teleport;

namespace Teleport.Cli.Models;

/// <summary><c>cifar-mlp</c>: 3072-256-256-10, ReLU, bias, cross-entropy (a plain MLP for CIFAR-10's 32×32×3 images).</summary>
[Network(Inputs = 3072, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(256, Activation = "relu")]
[Dense(256, Activation = "relu")]
[Dense(10)]
public partial class CifarMlp
{
}
