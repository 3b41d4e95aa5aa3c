using System.IO;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

public class Cifar10Tests
{
    /// <summary>n records: label (first + i) mod 10, pixel j of record i = (i + j) mod 256.</summary>
    private static byte[] Batch(int n, int first = 0)
    {
        var bytes = new byte[n * Cifar10.RecordBytes];
        for (var i = 0; i < n; i++)
        {
            bytes[i * Cifar10.RecordBytes] = (byte)((first + i) % 10);
            for (var j = 0; j < Cifar10.ImageBytes; j++) bytes[i * Cifar10.RecordBytes + 1 + j] = (byte)((i + j) % 256);
        }
        return bytes;
    }

    [Fact]
    public void ReadsRecordsInChannelFirstOrder()
    {
        using var dir = new TempDirectory();
        var set = Cifar10.ReadBatch(dir.Write("data_batch_1.bin", Batch(3, first: 7)));
        Assert.Equal(3, set.Count);
        Assert.Equal([3, 32, 32], set.SampleShape);
        Assert.Equal(new[] { 7, 8, 9 }, set.Labels.ToArray());
        // Sample 2, channel 1 (green), row 4, column 5: byte 1024 + 4·32 + 5 of the image.
        var j = 1024 + 4 * 32 + 5;
        Assert.Equal((2 + j) % 256 / 255f, set.FeatureRow(2)[j]);
    }

    [Fact]
    public void LoadsFiveTrainingBatchesAndTheTestBatch()
    {
        using var dir = new TempDirectory();
        var nested = Directory.CreateDirectory(Path.Combine(dir.Path, "cifar-10-batches-bin")).FullName;
        for (var b = 1; b <= 5; b++) File.WriteAllBytes(Path.Combine(nested, $"data_batch_{b}.bin"), Batch(2, first: b));
        File.WriteAllBytes(Path.Combine(nested, "test_batch.bin"), Batch(4));
        var splits = Cifar10.Load(dir.Path);
        Assert.Equal(10, splits.Train.Count);
        Assert.Equal(4, splits.Test.Count);
        Assert.Equal(new[] { 1, 2, 2, 3, 3, 4, 4, 5, 5, 6 }, splits.Train.Labels.ToArray());
    }

    [Fact]
    public void SizeNotAMultipleOfTheRecordIsRejected()
    {
        using var dir = new TempDirectory();
        var bytes = Batch(2);
        var path = dir.Write("data_batch_1.bin", bytes[..(bytes.Length - 10)]);
        var e = Assert.Throws<TeleportDataException>(() => Cifar10.ReadBatch(path));
        Assert.Equal("data_batch_1.bin: size 6136 bytes is not a multiple of the record size 3073: incomplete record at byte 3073 (3063 bytes)", e.Message);
        Assert.Equal(3073, e.Offset);
        var empty = dir.Write("test_batch.bin", []);
        Assert.Contains("empty file", Assert.Throws<TeleportDataException>(() => Cifar10.ReadBatch(empty)).Message);
    }

    [Fact]
    public void LabelAboveNineIsRejectedWithRecordAndOffset()
    {
        using var dir = new TempDirectory();
        var bytes = Batch(3);
        bytes[2 * Cifar10.RecordBytes] = 10;
        var path = dir.Write("test_batch.bin", bytes);
        var e = Assert.Throws<TeleportDataException>(() => Cifar10.ReadBatch(path));
        Assert.Equal("test_batch.bin: label 10 of record 2 at byte 6146 is outside 0..9", e.Message);
        Assert.Equal(6146, e.Offset);
    }

    [Fact]
    public void AFileGivenAsTheFolderIsNamedAsAFile()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("data_batch_1.bin", Batch(1));
        var e = Assert.Throws<DatasetNotFoundException>(() => Cifar10.Load(file));
        Assert.Equal($"CIFAR-10: {file} is a file, not a folder (expected the folder holding data_batch_1.bin … test_batch.bin)", e.Message);
        var missing = Path.Combine(dir.Path, "absent");
        Assert.Equal($"CIFAR-10: folder {missing} not found (expected data_batch_1.bin … test_batch.bin there)",
            Assert.Throws<DatasetNotFoundException>(() => Cifar10.Load(missing)).Message);
    }

    [Fact]
    public void MissingBatchNamesItAndTheFolder()
    {
        using var dir = new TempDirectory();
        for (var b = 1; b <= 4; b++) dir.Write($"data_batch_{b}.bin", Batch(1));
        dir.Write("test_batch.bin", Batch(1));
        var e = Assert.Throws<DatasetNotFoundException>(() => Cifar10.Load(dir.Path));
        Assert.Equal($"CIFAR-10: data_batch_5.bin not found in {dir.Path}", e.Message);
        var absent = Path.Combine(dir.Path, "nope");
        Assert.Contains(absent, Assert.Throws<DatasetNotFoundException>(() => Cifar10.Load(absent)).Message);
    }

    [Fact]
    public void AFolderWithABatchsNameIsNamedAsAFolderNotAsMissing()
    {
        using var dir = new TempDirectory();
        for (var b = 1; b <= 5; b++) dir.Write($"data_batch_{b}.bin", Batch(1));
        Directory.CreateDirectory(dir.File("test_batch.bin"));
        var e = Assert.Throws<TeleportDataException>(() => Cifar10.Load(dir.Path));
        Assert.EndsWith("test_batch.bin: is a folder, not a file", e.Message);
    }
}
