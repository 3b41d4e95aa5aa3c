using Teleport;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests.Networks;

// The convolutional architectures the derived math is checked on: 1 to 3 convolutions, stride 1 and 2, padding 0
// and 1, max and average pooling, with and without bias, every built-in activation somewhere, both losses.

/// <summary>conv → maxpool → conv → maxpool → dense: a small paper-cnn (relu, leaky_relu, bias, cross-entropy).</summary>
[Network(Inputs = 64, InputShape = new[] { 1, 8, 8 }, Loss = LossKind.SoftmaxCrossEntropy)]
[Conv2d(4, Kernel = 3, Padding = 1, Activation = "relu")]
[MaxPool2d(2)]
[Conv2d(6, Kernel = 3, Padding = 1, Activation = "leaky_relu(0.1)")]
[MaxPool2d(2)]
[Dense(3)]
public partial class ConvPoolClassifier
{
}

/// <summary>Stride 2 with padding 1, then a 2×2 convolution without padding (tanh, sigmoid, no bias, MSE): no channel symmetry.</summary>
[Network(Inputs = 98, InputShape = new[] { 2, 7, 7 }, Loss = LossKind.MeanSquaredError)]
[Conv2d(3, Kernel = 3, Stride = 2, Padding = 1, Activation = "tanh", Bias = false)]
[Conv2d(4, Kernel = 2, Activation = "sigmoid", Bias = false)]
[Dense(2, Bias = false)]
public partial class StridedConvRegressor
{
}

/// <summary>An identity convolution through average pooling (GL on its channels), elu, then softplus and a dense head (cross-entropy).</summary>
[Network(Inputs = 36, InputShape = new[] { 1, 6, 6 }, Loss = LossKind.SoftmaxCrossEntropy)]
[Conv2d(3, Kernel = 3, Padding = 1)]
[AvgPool2d(2)]
[Conv2d(5, Kernel = 3, Activation = "elu(1.0)")]
[Dense(4, Activation = "softplus")]
[Dense(3)]
public partial class AvgPoolLinearConv
{
}

/// <summary>Three convolutions (silu, a 1×1 relu, gelu), average pooling by 3, no bias on the first, MSE.</summary>
[Network(Inputs = 108, InputShape = new[] { 3, 6, 6 }, Loss = LossKind.MeanSquaredError)]
[Conv2d(4, Kernel = 3, Padding = 1, Activation = "silu", Bias = false)]
[Conv2d(4, Kernel = 1, Activation = "relu")]
[AvgPool2d(3)]
[Conv2d(5, Kernel = 2, Activation = "gelu")]
[Dense(2)]
public partial class ThreeConvRegressor
{
}

/// <summary>An identity convolution before max pooling (per-channel scaling only), then a relu dense layer (cross-entropy).</summary>
[Network(Inputs = 25, InputShape = new[] { 1, 5, 5 }, Loss = LossKind.SoftmaxCrossEntropy)]
[Conv2d(2, Kernel = 2, Bias = false)]
[MaxPool2d(2)]
[Dense(3, Activation = "relu")]
[Dense(2)]
public partial class IdentityConvMaxPool
{
}
