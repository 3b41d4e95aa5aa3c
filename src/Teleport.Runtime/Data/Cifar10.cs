using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Teleport.Data;

/// <summary>
/// Loads CIFAR-10 in its binary version (<c>cifar-10-batches-bin</c>): <c>data_batch_1.bin</c> …
/// <c>data_batch_5.bin</c> (50 000 training images) and <c>test_batch.bin</c> (10 000). Each record is
/// one label byte (0…9) and 3072 pixel bytes: the red, green and blue 32×32 planes, row-major. That is
/// the channel-first order PyTorch's <c>ToTensor</c> gives, so a sample is [3, 32, 32] flattened, as is,
/// each byte scaled to b/255. Files may be gzip-compressed (detected by content).
/// </summary>
public static class Cifar10
{
    /// <summary>Number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>Pixel bytes per image (3 × 32 × 32).</summary>
    public const int ImageBytes = 3 * 32 * 32;

    /// <summary>Bytes per record: one label byte and the image.</summary>
    public const int RecordBytes = 1 + ImageBytes;

    /// <summary>The training batch file names.</summary>
    public static readonly string[] TrainFileNames =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    /// <summary>The test batch file name.</summary>
    public const string TestFileName = "test_batch.bin";

    /// <summary>Class names by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>
    /// Loads the five training batches (concatenated in order) and the test batch from
    /// <paramref name="folder"/> or its <c>cifar-10-batches-bin</c> subfolder. A missing folder or file
    /// throws <see cref="DatasetNotFoundException"/>; a malformed file <see cref="TeleportDataException"/>.
    /// </summary>
    public static DatasetSplits Load(string folder)
    {
        var paths = Locate(folder);
        var parts = new Dataset[TrainFileNames.Length];
        for (var i = 0; i < parts.Length; i++)
            parts[i] = ReadBatch(paths[i], "cifar-10/" + TrainFileNames[i]);
        var train = Dataset.Concatenate("cifar-10/train", parts);
        var test = ReadBatch(paths[^1], "cifar-10/test");
        return new DatasetSplits(train, null, test);
    }

    /// <summary>
    /// The six batch files in <paramref name="folder"/> or its <c>cifar-10-batches-bin</c> subfolder: the five
    /// training batches, then the test batch. A missing folder or file throws <see cref="DatasetNotFoundException"/>.
    /// </summary>
    public static string[] Locate(string folder)
    {
        var full = DataFolder.Require(folder, "CIFAR-10", $"{TrainFileNames[0]} … {TestFileName}");
        var nested = Path.Combine(full, "cifar-10-batches-bin");
        if (!File.Exists(Path.Combine(full, TestFileName)) && Directory.Exists(nested))
            full = nested;
        var paths = new string[TrainFileNames.Length + 1];
        for (var i = 0; i < TrainFileNames.Length; i++) paths[i] = Require(full, TrainFileNames[i]);
        paths[^1] = Require(full, TestFileName);
        return paths;
    }

    /// <summary>Reads one batch file as a classification <see cref="Dataset"/> of [3, 32, 32] samples.</summary>
    public static Dataset ReadBatch(string path, string? name = null)
    {
        var content = DataFile.ReadContent(path).Span;
        var c = CultureInfo.InvariantCulture;
        if (content.Length == 0)
            throw new TeleportDataException(path, "empty file (expected records of 3073 bytes: 1 label byte + 3072 pixel bytes)", 0);
        if (content.Length % RecordBytes != 0)
        {
            var incomplete = content.Length - content.Length % RecordBytes;
            throw new TeleportDataException(path, string.Create(c,
                $"size {content.Length} bytes is not a multiple of the record size 3073: incomplete record at byte {incomplete} ({content.Length % RecordBytes} bytes)"), incomplete);
        }
        var count = content.Length / RecordBytes;
        var labels = new int[count];
        var pixels = FeatureArrays.Create<byte>((long)count * ImageBytes);
        for (var i = 0; i < count; i++)
        {
            var at = (long)i * RecordBytes;
            var label = content[(int)at];
            if (label >= ClassCount)
                throw new TeleportDataException(path, string.Create(c,
                    $"label {label} of record {i} at byte {at} is outside 0..{ClassCount - 1}"), at);
            labels[i] = label;
            content.Slice((int)at + 1, ImageBytes).CopyTo(pixels.AsSpan(i * ImageBytes, ImageBytes));
        }
        return Dataset.FromPixels(name ?? Path.GetFileName(path), pixels, ImageBytes, labels, ClassCount, [3, 32, 32]);
    }

    private static string Require(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        // Anything at the name counts as found: the reader then says it is a folder or a device, not that it is missing.
        return Teleport.Serialization.FileKinds.Of(path) != Teleport.Serialization.FileKind.Missing ? path : throw new DatasetNotFoundException(path, $"CIFAR-10: {fileName} not found in {folder}");
    }
}
