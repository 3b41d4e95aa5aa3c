using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Teleport.Serialization;

namespace Teleport.Data;

/// <summary>
/// Loads MNIST-format data sets (MNIST, Fashion-MNIST, KMNIST…) from a folder holding
/// <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c> and
/// <c>t10k-labels-idx1-ubyte</c>, each raw or with a <c>.gz</c> suffix (compression is detected by content).
/// Pixels become floats x/255 in [0, 1] exactly as torchvision's <c>ToTensor</c> gives them; a sample
/// is [1, rows, cols] flattened. Labels must be in 0…9.
/// </summary>
public static class Mnist
{
    /// <summary>Number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>The four file names, without the optional <c>.gz</c> suffix.</summary>
    public static readonly string[] FileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>
    /// Loads the training and test sets (Validation is null; see <see cref="DatasetSplits.WithValidation"/>).
    /// A missing folder or file throws <see cref="DatasetNotFoundException"/> with one line naming what is
    /// missing and where it looked; a malformed file <see cref="TeleportDataException"/>.
    /// </summary>
    /// <param name="folder">The folder with the four files.</param>
    /// <param name="name">The data set's display name ("MNIST", "Fashion-MNIST").</param>
    public static DatasetSplits Load(string folder, string name = "MNIST")
    {
        var paths = Locate(folder, name);
        // The test set (a sixth of the bytes) is read on the thread pool while this thread reads the training set;
        // errors are reported in the same order as reading one after the other would (the training files' first).
        var test = Task.Run(() => LoadPart(paths[2], paths[3], name.ToLowerInvariant() + "/test"));
        Dataset train;
        try
        {
            train = LoadPart(paths[0], paths[1], name.ToLowerInvariant() + "/train");
        }
        catch
        {
            try { test.Wait(); } catch (AggregateException) { } // its own error, if any, comes second
            throw;
        }
        var testSet = test.GetAwaiter().GetResult();
        RequireSameImageShape(paths[0], train, paths[2], testSet);
        return new DatasetSplits(train, null, testSet);
    }

    /// <summary>
    /// The test images have the training images' rows and columns. A model reads both the same way, and one that sees only
    /// the pixel count (an MLP: 56 × 14 is 784 too) would otherwise evaluate on pixels in the wrong places without a word
    /// (found by a sweep of malformed files; a convolutional model refused it only because its input shape is fixed).
    /// </summary>
    private static void RequireSameImageShape(string trainPath, Dataset train, string testPath, Dataset test)
    {
        if (train.SampleShape.SequenceEqual(test.SampleShape)) return;
        throw new TeleportDataException(testPath, string.Create(CultureInfo.InvariantCulture,
            $"images of {test.SampleShape[1]}×{test.SampleShape[2]} pixels (rows and columns at bytes 8 and 12), but {Path.GetFileName(trainPath)} has {train.SampleShape[1]}×{train.SampleShape[2]}: training and test images must have one shape"), 8);
    }

    /// <summary>
    /// Loads the sets and moves <paramref name="validationCount"/> training images, chosen by <paramref name="seed"/>,
    /// into <see cref="DatasetSplits.Validation"/> (<see cref="Dataset.SplitTrainValidation"/>; the paper: 60 000 →
    /// 50 000 + 10 000). A training file with too few images for that throws <see cref="TeleportDataException"/>
    /// naming the file and both sizes.
    /// </summary>
    public static DatasetSplits LoadWithValidation(string folder, string name, int validationCount, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validationCount);
        var paths = Locate(folder, name);
        var splits = Load(folder, name);
        var count = splits.Train.Count;
        if (count <= validationCount)
            throw new TeleportDataException(paths[0], string.Create(CultureInfo.InvariantCulture,
                $"{count} training images are too few to hold out {validationCount} for validation and train on the rest (the paper's split of 60 000: {60_000 - validationCount} for training, {validationCount} for validation); it needs at least {validationCount + 1}"));
        return splits.WithValidation(validationCount, seed);
    }

    /// <summary>
    /// Finds the four files in <paramref name="folder"/> (raw preferred over .gz), or throws
    /// <see cref="DatasetNotFoundException"/> naming the first missing one and the folder.
    /// </summary>
    public static string[] Locate(string folder, string name = "MNIST")
    {
        var full = DataFolder.Require(folder, name, $"{FileNames[0]}[.gz] and the three other IDX files");
        var paths = new string[FileNames.Length];
        for (var i = 0; i < FileNames.Length; i++)
        {
            var raw = Path.Combine(full, FileNames[i]);
            var gz = raw + ".gz";
            // Anything at the name counts as found (a folder called train-images-idx3-ubyte is then reported as a folder, not
            // as missing); the reader says what is wrong with it.
            paths[i] = FileKinds.Of(raw) != FileKind.Missing ? raw
                : FileKinds.Of(gz) != FileKind.Missing ? gz
                : throw new DatasetNotFoundException(raw, $"{name}: {FileNames[i]}[.gz] not found in {full}");
        }
        return paths;
    }

    /// <summary>True when <paramref name="folder"/> holds all four files.</summary>
    public static bool IsPresent(string folder)
    {
        try
        {
            Locate(folder);
            return true;
        }
        catch (DatasetNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Loads one images file and its labels file as a classification <see cref="Dataset"/>.</summary>
    public static Dataset LoadPart(string imagesPath, string labelsPath, string name)
    {
        var images = IdxFile.ReadUnsignedBytes(imagesPath, 3, "pixel");
        var labels = IdxFile.ReadUnsignedBytes(labelsPath, 1, "label");
        var count = images.Dimensions[0];
        if (labels.Dimensions[0] != count)
            throw new TeleportDataException(labelsPath, string.Create(CultureInfo.InvariantCulture,
                $"{labels.Dimensions[0]} labels (count at byte 4) but {Path.GetFileName(imagesPath)} has {count} images"), 4);

        var rows = images.Dimensions[1];
        var cols = images.Dimensions[2];
        var labelBytes = labels.Data.Span;
        var labelValues = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (labelBytes[i] >= ClassCount)
            {
                var at = labels.HeaderLength + i;
                throw new TeleportDataException(labelsPath, string.Create(CultureInfo.InvariantCulture,
                    $"label {labelBytes[i]} of record {i} at byte {at} is outside 0..{ClassCount - 1}"), at);
            }
            labelValues[i] = labelBytes[i];
        }
        // The pixels were read into an array of their own (IdxFile.ReadUnsignedBytes): kept as they are, no copy.
        byte[] pixels;
        if (MemoryMarshal.TryGetArray(images.Data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length)
            pixels = segment.Array;
        else
        {
            pixels = FeatureArrays.Create<byte>(images.Data.Length);
            images.Data.Span.CopyTo(pixels);
        }
        return Dataset.FromPixels(name, pixels, rows * cols, labelValues, ClassCount, [1, rows, cols]);
    }
}
