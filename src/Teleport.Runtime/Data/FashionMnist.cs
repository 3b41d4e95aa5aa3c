using System.Collections.Generic;

namespace Teleport.Data;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul, Vollgraf 2017), one of the paper's data sets: 60 000 training and
/// 10 000 test images of 28×28 pixels in 10 classes. Installed by the Debian package
/// <c>dataset-fashion-mnist</c> at <see cref="DefaultDirectory"/>. Nothing is downloaded.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package installs the four <c>*-idx?-ubyte.gz</c> files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The paper's validation size: 10 000 of the 60 000 training images.</summary>
    public const int PaperValidationCount = 10_000;

    /// <summary>Class names by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>True when the four files are in <paramref name="folder"/> (default: <see cref="DefaultDirectory"/>).</summary>
    public static bool IsInstalled(string? folder = null) => Mnist.IsPresent(folder ?? DefaultDirectory);

    /// <summary>
    /// Loads the official training (60 000) and test (10 000) sets; throws <see cref="DatasetNotFoundException"/>
    /// naming what is missing and where it looked when the data set is not installed.
    /// </summary>
    public static DatasetSplits Load(string? folder = null) => Mnist.Load(folder ?? DefaultDirectory, "Fashion-MNIST");

    /// <summary>
    /// The paper's setting: the training set split by <paramref name="seed"/> into 50 000 training and
    /// 10 000 validation images, and the official 10 000 test images. A training file of 10 000 images or fewer
    /// throws <see cref="TeleportDataException"/> naming it and the sizes.
    /// </summary>
    public static DatasetSplits LoadPaperSplits(long seed, string? folder = null) =>
        Mnist.LoadWithValidation(folder ?? DefaultDirectory, "Fashion-MNIST", PaperValidationCount, seed);
}
