using Teleport;

namespace AotInference;

/// <summary>
/// The network of Zhao, Gower, Walters, Yu (ICLR 2024), §5: a bias-free 784-16-10-10 MLP with
/// LeakyReLU(0.1) on the hidden layers and softmax cross-entropy. Its safetensors file holds
/// <c>fc0.weight</c> [16, 784], <c>fc1.weight</c> [10, 16] and <c>fc2.weight</c> [10, 10].
/// </summary>
[Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(16, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Bias = false)]
public partial class FashionMlp { }
