using Teleport;

namespace PaperNetwork;

/// <summary>
/// The network of Zhao, Gower, Walters, Yu (ICLR 2024), §5: a bias-free 784-16-10-10 MLP with
/// LeakyReLU(0.1) on the hidden layers, trained with softmax cross-entropy on Fashion-MNIST.
/// The generator adds the training math, the symmetry groups and the teleport members.
/// </summary>
[Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(16, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Bias = false)]
public partial class FashionMlp { }
