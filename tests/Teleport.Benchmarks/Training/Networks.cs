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
