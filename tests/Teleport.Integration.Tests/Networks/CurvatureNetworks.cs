using Teleport;

namespace Teleport.Integration.Tests.Networks;

/// <summary>A small classifier with S3 on every hidden layer (invertible σ): ψ is defined for it.</summary>
[Network(Inputs = 6, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(8, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(6, Activation = "tanh", Bias = false)]
[Dense(4, Bias = false)]
public partial class CurvatureClassifier
{
}
