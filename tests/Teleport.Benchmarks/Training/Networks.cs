using Teleport;

namespace Teleport.Benchmarks.Training;

/// <summary>The ICLR 2024 paper's network: 784-16-10-10, LeakyReLU(0.1), no bias.</summary>
[Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(16, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Bias = false)]
public partial class PaperMlp { }

/// <summary>The wide network of the runtime issue: 784-512-512-10, ReLU, bias.</summary>
[Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(512, Activation = "relu")]
[Dense(512, Activation = "relu")]
[Dense(10)]
public partial class WideMlp { }

/// <summary>The CLI's paper-cnn: conv 3×3 16 (p 1, ReLU) → maxpool 2 → conv 3×3 32 (p 1, ReLU) → maxpool 2 → 10.</summary>
[Network(Inputs = 784, InputShape = new[] { 1, 28, 28 }, Loss = LossKind.SoftmaxCrossEntropy)]
[Conv2d(16, Kernel = 3, Padding = 1, Activation = "relu")]
[MaxPool2d(2)]
[Conv2d(32, Kernel = 3, Padding = 1, Activation = "relu")]
[MaxPool2d(2)]
[Dense(10)]
public partial class PaperCnn { }
