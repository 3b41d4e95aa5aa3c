using Teleport;

namespace Teleport.Cli.Models;

/// <summary>
/// <c>paper-mlp</c>: the ICLR 2024 paper's network, exactly — 784-16-10-10, LeakyReLU(0.1) on the hidden
/// layers, no bias, cross-entropy over the 10 logits. Symmetries: S2 (exact) and S3/S4 (data-dependent)
/// on both hidden layers.
/// </summary>
[Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(16, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Bias = false)]
public partial class PaperMlp
{
}
