using System.IO;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

public class MnistTests
{
    private static void WriteSet(TempDirectory dir, int train = 12, int test = 5, bool gzip = true)
    {
        byte[] Maybe(byte[] content) => gzip ? IdxBuilder.Gzip(content) : content;
        var suffix = gzip ? ".gz" : "";
        dir.Write("train-images-idx3-ubyte" + suffix, Maybe(IdxBuilder.Images(train, 3, 2)));
        dir.Write("train-labels-idx1-ubyte" + suffix, Maybe(IdxBuilder.Labels(train)));
        dir.Write("t10k-images-idx3-ubyte" + suffix, Maybe(IdxBuilder.Images(test, 3, 2)));
        dir.Write("t10k-labels-idx1-ubyte" + suffix, Maybe(IdxBuilder.Labels(test)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoadsTrainAndTestScaledLikeToTensor(bool gzip)
    {
        using var dir = new TempDirectory();
        WriteSet(dir, gzip: gzip);
        var splits = Mnist.Load(dir.Path);
        Assert.Equal(12, splits.Train.Count);
        Assert.Equal(5, splits.Test.Count);
        Assert.Null(splits.Validation);
        Assert.Equal(6, splits.Train.FeatureCount);
        Assert.Equal([1, 3, 2], splits.Train.SampleShape);
        Assert.Equal(10, splits.Train.ClassCount);
        Assert.Equal(3, splits.Train.Label(3));
        // Pixel (i, j) = (7i + j) mod 256, divided by 255 in single precision.
        Assert.Equal((7 * 4 + 5) / 255f, splits.Train.FeatureRow(4)[5]);
        Assert.Equal("mnist/train", splits.Train.Name);
    }

    [Fact]
    public void MissingFolderNamesTheFolder()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "absent");
        var e = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Load(missing));
        Assert.Equal($"Fashion-MNIST: folder {missing} not found (expected train-images-idx3-ubyte[.gz] and the three other IDX files there)", e.Message);
        Assert.False(FashionMnist.IsInstalled(missing));
    }

    [Fact]
    public void AFileGivenAsTheFolderIsNamedAsAFile()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("train-images-idx3-ubyte.gz", [1, 2, 3]);
        var e = Assert.Throws<DatasetNotFoundException>(() => FashionMnist.Load(file));
        Assert.Equal($"Fashion-MNIST: {file} is a file, not a folder (expected the folder holding train-images-idx3-ubyte[.gz] and the three other IDX files)", e.Message);
        Assert.Equal(file, e.FilePath);
    }

    [Fact]
    public void ALoopOfLinksGivenAsTheFolderIsNamedAsOne()
    {
        // .NET calls a loop of links a file: "is a file, not a folder" (bad-input sweep).
        using var dir = new TempDirectory();
        var loop = dir.File("loop");
        File.CreateSymbolicLink(loop, dir.File("back"));
        File.CreateSymbolicLink(dir.File("back"), loop);
        var e = Assert.Throws<DatasetNotFoundException>(() => Mnist.Load(loop));
        Assert.Equal($"MNIST: {loop} is a symbolic link into a loop of links, not a folder (expected the folder holding train-images-idx3-ubyte[.gz] and the three other IDX files)", e.Message);
    }

    [Fact]
    public void MissingFileNamesTheFileAndTheFolder()
    {
        using var dir = new TempDirectory();
        WriteSet(dir);
        File.Delete(dir.File("t10k-labels-idx1-ubyte.gz"));
        var e = Assert.Throws<DatasetNotFoundException>(() => Mnist.Load(dir.Path));
        Assert.Equal($"MNIST: t10k-labels-idx1-ubyte[.gz] not found in {dir.Path}", e.Message);
        Assert.Equal(dir.File("t10k-labels-idx1-ubyte"), e.FilePath);
        Assert.False(Mnist.IsPresent(dir.Path));
    }

    [Fact]
    public void LabelOutOfRangeNamesTheRecordAndOffset()
    {
        using var dir = new TempDirectory();
        WriteSet(dir);
        var labels = IdxBuilder.Labels(12);
        labels[8 + 6] = 12;
        dir.Write("train-labels-idx1-ubyte.gz", IdxBuilder.Gzip(labels));
        var e = Assert.Throws<TeleportDataException>(() => Mnist.Load(dir.Path));
        Assert.Equal("train-labels-idx1-ubyte.gz: label 12 of record 6 at byte 14 is outside 0..9", e.Message);
        Assert.Equal(14, e.Offset);
    }

    [Fact]
    public void MismatchedCountsNameBothFiles()
    {
        using var dir = new TempDirectory();
        WriteSet(dir);
        dir.Write("t10k-labels-idx1-ubyte.gz", IdxBuilder.Gzip(IdxBuilder.Labels(4)));
        var e = Assert.Throws<TeleportDataException>(() => Mnist.Load(dir.Path));
        Assert.Equal("t10k-labels-idx1-ubyte.gz: 4 labels (count at byte 4) but t10k-images-idx3-ubyte.gz has 5 images", e.Message);
    }

    [Fact]
    public void ImagesWithWrongRankAreRejected()
    {
        using var dir = new TempDirectory();
        WriteSet(dir);
        dir.Write("train-images-idx3-ubyte.gz", IdxBuilder.Gzip(IdxBuilder.Labels(12)));
        var e = Assert.Throws<TeleportDataException>(() => Mnist.Load(dir.Path));
        Assert.StartsWith("train-images-idx3-ubyte.gz: rank 1 at byte 3, expected 3 dimensions", e.Message);
    }

    [Fact]
    public void TestImagesOfAnotherShapeAreRefusedNamingBothShapes()
    {
        // 3 × 2 and 2 × 3 hold the same 6 pixels: an MLP would read either, with the pixels in the wrong places.
        using var dir = new TempDirectory();
        WriteSet(dir);
        dir.Write("t10k-images-idx3-ubyte.gz", IdxBuilder.Gzip(IdxBuilder.Images(5, 2, 3)));
        var e = Assert.Throws<TeleportDataException>(() => Mnist.Load(dir.Path));
        Assert.Equal("t10k-images-idx3-ubyte.gz: images of 2×3 pixels (rows and columns at bytes 8 and 12), but train-images-idx3-ubyte.gz has 3×2: training and test images must have one shape", e.Message);
        Assert.Equal(8, e.Offset);
    }

    [Fact]
    public void AFolderWithAFilesNameIsNamedAsAFolderNotAsMissing()
    {
        using var dir = new TempDirectory();
        WriteSet(dir, gzip: false);
        File.Delete(dir.File("train-images-idx3-ubyte"));
        Directory.CreateDirectory(dir.File("train-images-idx3-ubyte"));
        var e = Assert.Throws<TeleportDataException>(() => Mnist.Load(dir.Path));
        Assert.EndsWith("train-images-idx3-ubyte: is a folder, not a file", e.Message);
    }
}
