namespace Teleport;

/// <summary>The training losses a <see cref="NetworkAttribute"/> can declare.</summary>
public enum LossKind
{
    /// <summary>Softmax cross-entropy on integer labels, mean over the batch (PyTorch <c>CrossEntropyLoss</c>).</summary>
    SoftmaxCrossEntropy = 0,

    /// <summary>Squared error on float targets, mean over all elements (PyTorch <c>MSELoss</c>).</summary>
    MeanSquaredError = 1,
}
