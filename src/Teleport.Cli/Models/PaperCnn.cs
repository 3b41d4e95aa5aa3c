using Teleport;
using Teleport.Teleportation;

namespace Teleport.Cli.Models;

/// <summary>
/// <c>paper-cnn</c>: a small CNN for Fashion-MNIST — conv 3×3 16 (padding 1, ReLU) → maxpool 2 → conv 3×3 32
/// (padding 1, ReLU) → maxpool 2 → dense 10, cross-entropy (20 490 parameters). Its PyTorch twin is
/// <c>nn.Sequential(conv0 = Conv2d(1, 16, 3, padding=1), ReLU, pool1 = MaxPool2d(2), conv2 = Conv2d(16, 32, 3, padding=1),
/// ReLU, pool3 = MaxPool2d(2), Flatten, fc4 = Linear(1568, 10))</c> with the same state_dict names. Both convolutions
/// have per-channel scaling symmetries (S2, through the max pools).
/// </summary>
[Network(Inputs = 784, InputShape = new[] { 1, 28, 28 }, Loss = LossKind.SoftmaxCrossEntropy)]
[Conv2d(16, Kernel = 3, Padding = 1, Activation = "relu")]
[MaxPool2d(2)]
[Conv2d(32, Kernel = 3, Padding = 1, Activation = "relu")]
[MaxPool2d(2)]
[Dense(10)]
public partial class PaperCnn
{
}
