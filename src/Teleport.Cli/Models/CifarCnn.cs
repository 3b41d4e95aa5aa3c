using Teleport;
using Teleport.Teleportation;

namespace Teleport.Cli.Models;

/// <summary>
/// <c>cifar-cnn</c>: a small CNN for CIFAR-10's [3, 32, 32] images — conv 3×3 32 (padding 1, ReLU) → maxpool 2 →
/// conv 3×3 64 (padding 1, ReLU) → maxpool 2 → dense 10, cross-entropy. Per-channel scaling symmetries (S2) on both
/// convolutions.
/// </summary>
[Network(Inputs = 3072, InputShape = new[] { 3, 32, 32 }, Loss = LossKind.SoftmaxCrossEntropy)]
[Conv2d(32, Kernel = 3, Padding = 1, Activation = "relu")]
[MaxPool2d(2)]
[Conv2d(64, Kernel = 3, Padding = 1, Activation = "relu")]
[MaxPool2d(2)]
[Dense(10)]
public partial class CifarCnn
{
}
