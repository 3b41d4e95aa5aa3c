using Teleport;
using Teleport.Teleportation;

namespace Teleport.Cli.Models;

/// <summary>
/// <c>logistic</c>: multinomial logistic regression on 784 features — one dense layer 784→10 with bias and
/// cross-entropy, a convex problem (issue 12's case where the level-set theory predicts a gain near the optimum).
/// No hidden layer, so no symmetry group: only the level-set and null-space teleports can move it.
/// </summary>
[Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(10)]
public partial class LogisticRegression
{
}
