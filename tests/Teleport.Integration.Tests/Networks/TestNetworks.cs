using Teleport;

namespace Teleport.Integration.Tests.Networks;

// The architectures the derived math is checked on: depth 1 to 4, with and without bias, every
// built-in activation somewhere, custom formulas, both losses.

/// <summary>The ICLR 2024 paper's network: 784-16-10-10, LeakyReLU(0.1), no bias, cross-entropy.</summary>
[Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(16, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Bias = false)]
public partial class PaperMlp { }

/// <summary>Depth 1: multinomial logistic regression with bias.</summary>
[Network(Inputs = 5, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(3)]
public partial class LogisticRegression { }

/// <summary>Depth 3, MSE, bias, tanh and sigmoid.</summary>
[Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
[Dense(6, Activation = "tanh")]
[Dense(5, Activation = "sigmoid")]
[Dense(3)]
public partial class TanhSigmoidRegressor { }

/// <summary>Depth 4, cross-entropy, bias, relu / elu / softplus.</summary>
[Network(Inputs = 6, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(8, Activation = "relu")]
[Dense(7, Activation = "elu(1.0)")]
[Dense(6, Activation = "softplus")]
[Dense(4)]
public partial class DeepClassifier { }

/// <summary>Depth 3, MSE, no bias, silu and gelu.</summary>
[Network(Inputs = 5, Loss = LossKind.MeanSquaredError)]
[Dense(7, Activation = "silu", Bias = false)]
[Dense(6, Activation = "gelu", Bias = false)]
[Dense(2, Bias = false)]
public partial class SiluGeluRegressor { }

/// <summary>Custom formulas (softsign, a cubic-tanh mix) and an explicit identity layer.</summary>
[Network(Inputs = 3, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(5, Activation = "x / (1 + abs(x))")]
[Dense(4, Activation = "x + 0.1*tanh(x)^3")]
[Dense(4, Activation = "identity")]
[Dense(3)]
public partial class CustomFormulas { }

/// <summary>A linear network (identity hidden layer: the GL(k) symmetry S1), MSE.</summary>
[Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
[Dense(5, Bias = false)]
[Dense(3, Bias = false)]
public partial class LinearNetwork { }

/// <summary>
/// The NeurIPS 2022 multi-layer regression: the authors' dims [4, 5, 6, 7, 8] are 4 samples and
/// widths 5 → 6 → 7 → 8; LeakyReLU(0.1), no bias, MSE.
/// </summary>
[Network(Inputs = 5, Loss = LossKind.MeanSquaredError)]
[Dense(6, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(7, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(8, Bias = false)]
public partial class NeuripsRegression { }

/// <summary>The wide benchmark network: 784-512-512-10, ReLU, bias.</summary>
[Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(512, Activation = "relu")]
[Dense(512, Activation = "relu")]
[Dense(10)]
public partial class WideMlp { }

/// <summary>
/// Fan-ins 12, 10 and 9 (+ bias): larger than the null-space tests' small batches, so every layer has an exact input
/// null space there. Tanh and softplus (no exact symmetry beyond data-dependent ones), MSE.
/// </summary>
[Network(Inputs = 12, Loss = LossKind.MeanSquaredError)]
[Dense(10, Activation = "tanh")]
[Dense(9, Activation = "softplus")]
[Dense(3)]
public partial class NullSpaceRegressor { }

/// <summary>A small LeakyReLU classifier without bias (the paper's layer type): S2, S3 and S4 on both hidden layers, for the teleport-objective tests.</summary>
[Network(Inputs = 6, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(5, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(4, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(3, Bias = false)]
public partial class SmallLeakyClassifier { }
