using Teleport;

namespace Teleport.Cli.Models;

/// <summary>
/// <c>regression</c>: the NeurIPS 2022 multi-layer regression (<see cref="Teleport.Data.SyntheticRegression"/>):
/// widths 5 → 6 → 7 → 8, LeakyReLU(0.1) on the hidden layers, no bias, mean squared error. Its data set is
/// <c>SyntheticRegression.Paper</c> (4 samples) and its initial weights are the paper's U[0, 1).
/// </summary>
[Network(Inputs = 5, Loss = LossKind.MeanSquaredError)]
[Dense(6, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(7, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(8, Bias = false)]
public partial class RegressionMlp
{
}
