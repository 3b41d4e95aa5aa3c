using Teleport;

namespace Teleport.Integration.Tests.Networks;

// Recurrent networks (PyTorch nn.LSTMCell semantics): one and two stacked cells, dense heads applied at every
// step, both losses, with and without biases.

/// <summary>One cell and a linear head, MSE: the meta-optimiser's shape in miniature.</summary>
[Network(Inputs = 3, Loss = LossKind.MeanSquaredError)]
[Lstm(4)]
[Dense(2)]
public partial class LstmRegressor { }

/// <summary>Two stacked cells, a tanh layer and a linear head, cross-entropy over 3 classes.</summary>
[Network(Inputs = 4, Loss = LossKind.SoftmaxCrossEntropy)]
[Lstm(5)]
[Lstm(3)]
[Dense(4, Activation = "tanh")]
[Dense(3)]
public partial class StackedLstmClassifier { }

/// <summary>One cell without biases, straight to a linear head without bias, MSE.</summary>
[Network(Inputs = 2, Loss = LossKind.MeanSquaredError)]
[Lstm(3, Bias = false)]
[Dense(1, Bias = false)]
public partial class BiasFreeLstm { }

/// <summary>A cell alone: its hidden state is the output (MSE), so a window's δY meets the state's own adjoint.</summary>
[Network(Inputs = 2, Loss = LossKind.MeanSquaredError)]
[Lstm(3)]
public partial class LstmOnly { }

/// <summary>
/// A tiny meta-network for meta-learning tests: two cells reading the 18 gradient entries of a 3×3 regression task,
/// a head writing T (9 values) and the step size (1).
/// </summary>
[Network(Inputs = 18, Loss = LossKind.MeanSquaredError)]
[Lstm(4)]
[Lstm(4)]
[Dense(10)]
public partial class TinyMetaTeleporter { }

/// <summary>A tiny LSTM(update) network for meta-learning tests: the 18 gradient entries of a 3×3 task → an 18-value update.</summary>
[Network(Inputs = 18, Loss = LossKind.MeanSquaredError)]
[Lstm(4)]
[Lstm(3)]
[Dense(18)]
public partial class TinyMetaUpdater { }

/// <summary>A tiny teleport network of LSTM(update, tele) for tests: 18 gradient entries → T (9 values).</summary>
[Network(Inputs = 18, Loss = LossKind.MeanSquaredError)]
[Lstm(3)]
[Dense(9)]
public partial class TinyMetaDirection { }
