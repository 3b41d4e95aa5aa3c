using Teleport;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// A small generated MLP for the teleport-training tests: 20-8-6-4, LeakyReLU(0.1), bias, cross-entropy.
/// Each hidden layer has the exact diagonal symmetry S2 and the data-dependent S3 and S4.
/// </summary>
[Network(Inputs = 20, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(8, Activation = "leaky_relu(0.1)")]
[Dense(6, Activation = "leaky_relu(0.1)")]
[Dense(4)]
public partial class TeleportTestMlp { }

/// <summary>20-8-4 with an identity hidden layer: its exact symmetry is GL(8) (S1).</summary>
[Network(Inputs = 20, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(8)]
[Dense(4)]
public partial class TeleportLinearMlp { }
