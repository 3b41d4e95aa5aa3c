namespace Teleport.Cli.Data;

/// <summary>The data sets of <c>--dataset</c>.</summary>
internal enum DatasetKind
{
    /// <summary><c>fashion-mnist</c>: the paper's; installed by Debian's dataset-fashion-mnist, or <c>--data DIR</c>.</summary>
    FashionMnist,

    /// <summary><c>mnist</c>: the four MNIST IDX files in <c>--data DIR</c>.</summary>
    Mnist,

    /// <summary><c>cifar10</c>: the CIFAR-10 binary batches in <c>--data DIR</c>.</summary>
    Cifar10,

    /// <summary><c>synthetic</c>: generated in code to fit the model (classification or the NeurIPS regression).</summary>
    Synthetic,
}
