using Teleport;

namespace Teleport.Cli.Models;

/// <summary>
/// The meta-network of the paper's LSTM(lr, tele) (Figure 6): two stacked nn.LSTMCell of 20 units reading the 800
/// gradient entries of a 20×20 regression task, and a linear head writing T (400 values, the Lie-algebra element) and
/// the step size before its clamp (1 value) — the paper's two heads on h, as one nn.Linear(20, 401).
/// </summary>
[Network(Inputs = 800, Loss = LossKind.MeanSquaredError)]
[Lstm(20)]
[Lstm(20)]
[Dense(401)]
public partial class MetaTeleporter { }
