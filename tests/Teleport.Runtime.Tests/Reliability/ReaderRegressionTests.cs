using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using Teleport.Data;
using Teleport.Runtime.Tests.Data;
using Teleport.Runtime.Tests.Serialization;
using Teleport.Runtime.Tests.Training;
using Teleport.Serialization;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>The library crashes and unclear errors of issue 14, each pinned by name.</summary>
public sealed class ReaderRegressionTests
{
    private static TeleportDataException CsvFails(string text, CsvOptions options)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("labels.csv", Encoding.UTF8.GetBytes(text));
        return Assert.Throws<TeleportDataException>(() => CsvDataset.Load(path, options));
    }

    [Theory]
    [InlineData("2147483648")]      // 2³¹: overflowed the class count (ArgumentOutOfRangeException)
    [InlineData("2147483647")]      // int.MaxValue: its class count, int.MaxValue + 1, overflows
    [InlineData("2147483648.0")]
    [InlineData("1e38")]
    [InlineData("-1")]
    public void ACsvLabelWhoseClassCountOverflowsIsADataError(string label)
    {
        var e = CsvFails($"x,y\n0.5,1\n0.25,{label}\n", new CsvOptions { Label = "y" });
        Assert.StartsWith($"labels.csv: line 3, column 2 (\"y\"): label \"{label}\" ", e.Message);
    }

    [Fact]
    public void ACsvLabelJustBelowTheLimitStillReadsWithoutAClassCount()
    {
        // The largest label the class count can hold is accepted by the reader; the data set is then too large to
        // build only if it really has that many classes, which a model would need as outputs.
        var e = CsvFails("x,y\n0.5,2147483647\n", new CsvOptions { Label = "y" });
        Assert.Contains("is outside 0..2147483646", e.Message);
    }

    [Fact]
    public void ANonPositiveCsvClassCountIsAnArgumentError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvDataset.Parse(new StringReader("x,y\n0.5,1\n"), "labels.csv", new CsvOptions { Label = "y", ClassCount = 0 }));

    [Fact]
    public void ASafeTensorWithAnEmptyNameIsADataErrorNotAnArgumentException()
    {
        var bytes = SafeTensorsBuilder.Build("{" + SafeTensorsBuilder.Entry("", "1", 0, 4) + "}", 4);
        var e = Assert.Throws<TeleportDataException>(() => SafeTensors.Parse(bytes, "empty.safetensors"));
        Assert.Equal("empty.safetensors: a tensor has an empty name at byte 9", e.Message);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void LoadingParametersRefusesNonFiniteWeightsAndLeavesTheModelUntouched(float bad, string shown)
    {
        using var dir = new TempDirectory();
        var model = new SoftmaxRegression(3, 2).Initialize(1);
        var values = model.Parameters.ToArray();
        values[4] = bad;
        var path = dir.File("model.safetensors");
        // PyTorch writes non-finite weights; WriteParameters refuses to, so the file is made tensor by tensor.
        SafeTensors.Write(path, model.Info.Tensors.Select(t => SafeTensor.FromDouble(t.Name, t.Shape.ToArray(),
            Array.ConvertAll(values[t.Offset..(t.Offset + t.Length)], v => (double)v), SafeTensorDType.F32)).ToList());
        var target = new SoftmaxRegression(3, 2).Initialize(2);
        var before = target.Parameters.ToArray();
        var e = Assert.Throws<TeleportDataException>(() => SafeTensors.ReadParameters<float>(path, target.Info, target.Parameters));
        Assert.Contains($"holds a non-finite value ({shown}) at element 4", e.Message);
        Assert.Equal(before, target.Parameters.ToArray());
    }

    [Fact]
    public void AFiniteDoubleWeightBeyondFloatRangeIsRefusedForAFloatModel()
    {
        using var dir = new TempDirectory();
        var model = new SoftmaxRegression(3, 2).Initialize(1);
        var values = Array.ConvertAll(model.Parameters.ToArray(), v => (double)v);
        values[0] = 1e300;
        var path = dir.File("model.safetensors");
        SafeTensors.WriteParameters<double>(path, model.Info, values);
        var e = Assert.Throws<TeleportDataException>(() => SafeTensors.ReadParameters<float>(path, model.Info, model.Parameters));
        Assert.Contains("beyond Single's range", e.Message);
    }

    [Fact]
    public void Crc32MatchesTheStandardCheckValue() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    public void AGzipFileCutShortInItsTrailerIsRejected(int cut)
    {
        // .NET's GZipStream returns the data without a word when the trailer is cut off.
        var gz = IdxBuilder.Gzip(IdxBuilder.Labels(300));
        using var dir = new TempDirectory();
        var path = dir.Write("t10k-labels-idx1-ubyte.gz", gz[..^cut]);
        var e = Assert.Throws<TeleportDataException>(() => IdxFile.Read(path));
        Assert.StartsWith("t10k-labels-idx1-ubyte.gz: truncated or corrupt gzip file: its trailer", e.Message);
    }

    [Fact]
    public void AGzipFileWithAWrongCrcIsRejectedWithAClearMessage()
    {
        var gz = IdxBuilder.Gzip(IdxBuilder.Labels(300));
        gz[^6] ^= 0x01;
        using var dir = new TempDirectory();
        var e = Assert.Throws<TeleportDataException>(() => IdxFile.Read(dir.Write("labels.gz", gz)));
        Assert.Contains("CRC-32", e.Message);
    }

    [Fact]
    public void AMultiMemberGzipFileStillReads()
    {
        var content = IdxBuilder.Labels(300);
        var first = Gzip(content.AsSpan(0, 100));
        var second = Gzip(content.AsSpan(100));
        using var dir = new TempDirectory();
        var path = dir.Write("labels.gz", [.. first, .. second]);
        Assert.Equal(content.AsSpan(8).ToArray(), IdxFile.Read(path).Data.ToArray());
    }

    [Fact]
    public void ATrainingFileTooSmallForThePapersSplitNamesTheFileAndTheSizes()
    {
        using var dir = new TempDirectory();
        dir.Write("train-images-idx3-ubyte", IdxBuilder.Images(9999, 2, 2));
        dir.Write("train-labels-idx1-ubyte", IdxBuilder.Labels(9999));
        dir.Write("t10k-images-idx3-ubyte", IdxBuilder.Images(5, 2, 2));
        dir.Write("t10k-labels-idx1-ubyte", IdxBuilder.Labels(5));
        var e = Assert.Throws<TeleportDataException>(() => FashionMnist.LoadPaperSplits(1, dir.Path));
        Assert.Equal("train-images-idx3-ubyte: 9999 training images are too few to hold out 10000 for validation and train on the rest "
            + "(the paper's split of 60 000: 50000 for training, 10000 for validation); it needs at least 10001", e.Message);
    }

    [Fact]
    public void ABatchLargerThanTheDataIsOneBatchNotAnOverflow()
    {
        // --batch-size 2147483647 overflowed ⌈count / size⌉ to 0 batches: an epoch of no steps and a NaN loss.
        Assert.Equal(1, BatchSampler.CountBatches(300, int.MaxValue));
        Assert.Equal(0, BatchSampler.CountBatches(300, int.MaxValue, dropLast: true));
        Assert.Equal(int.MaxValue, BatchSampler.CountBatches(int.MaxValue, 1));
        var data = TrainingTestData.SmallClassification(60, 10);
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, data.Test, new TrainerOptions { BatchSize = int.MaxValue });
        Assert.Equal(TrainingStatus.Completed, trainer.Run());
        Assert.Equal(1, trainer.GlobalStep);
        Assert.True(double.IsFinite(trainer.History.Epochs[0].TrainLoss));
    }

    [Fact]
    public void AHugeEpochCountAllocatesNothingUpFront()
    {
        // --epochs 2147483647 sized the history for every epoch (an OutOfMemoryException before the first step).
        var data = TrainingTestData.SmallClassification(60, 10);
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, data.Test, new TrainerOptions { Epochs = int.MaxValue });
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Equal(TrainingStatus.Canceled, trainer.Run(cancel.Token));
    }

    [Fact]
    public void AJsonRecordWithInvalidUtf8IsADataError()
    {
        // Found by CorruptFileTests: an InvalidOperationException from Utf8JsonReader.GetString.
        var e = Assert.Throws<TeleportDataException>(() => Teleport.Records.RecordJsonReader.Parse([.. "{\"a\": \""u8, 0xFF, .. "\"}"u8], "run.json"));
        // Later, the bad-input sweep: the message went on "(Cannot transcode invalid UTF-8 JSON text to UTF-16 string.)",
        // System.Text.Json's words; now the records' plain words, pointing at the byte itself rather than the string's start.
        Assert.Equal("run.json: is not valid UTF-8 at byte 7 (line 1): byte 0xFF starts no UTF-8 character there", e.Message);
        Assert.Equal(7, e.Offset);
    }

    [Fact]
    public void ALoneSurrogateEscapeAndABadByteOutsideAStringAreSaidInPlainWords()
    {
        // The escape decodes to half a UTF-16 pair: System.Text.Json threw InvalidOperationException with its own text.
        var e = Assert.Throws<TeleportDataException>(() => Teleport.Records.RecordJsonReader.Parse("{\"a\":\n \"\\uD800\"}"u8, "run.json"));
        Assert.Equal("run.json: has a string at byte 7 (line 2) that escapes half of a UTF-16 surrogate pair (\\uD800–\\uDFFF alone), which is no character", e.Message);
        // Outside a string the parser called 0xFF "an invalid start of a value": it is a byte that is not UTF-8.
        e = Assert.Throws<TeleportDataException>(() => Teleport.Records.RecordJsonReader.Parse([.. "{\"a\": "u8, 0xFF, .. "}"u8], "run.json"));
        Assert.Equal("run.json: is not valid UTF-8 at byte 6 (line 1): byte 0xFF starts no UTF-8 character there", e.Message);
    }

    [Fact]
    public void ALatestPointerWithALineBreakGivesAOneLineError()
    {
        // Found by CorruptFileTests: the pointer's text went into the message as it was, line breaks included.
        using var dir = new TempDirectory();
        dir.Write(Checkpoints.LatestFileName, "checkpoint-000001\n-step-000000000007\n"u8.ToArray());
        var e = Assert.Throws<TeleportDataException>(() => Checkpoints.FindLatest(dir.Path));
        Assert.Equal("latest: \"checkpoint-000001 -step-000000000007\" is not a checkpoint folder name", e.Message);
    }

    [Fact]
    public void AJsonErrorQuotingTheRestOfTheFileIsOneShortLine()
    {
        // Found by CorruptFileTests: System.Text.Json quotes the rest of the input, line breaks and all, in its message.
        var json = "{\"a\": nx\n" + string.Concat(Enumerable.Repeat("  \"padding\": 1,\n", 100)) + "}";
        var e = Assert.Throws<TeleportDataException>(() => Teleport.Records.RecordJsonReader.Parse(Encoding.UTF8.GetBytes(json), "compare.json"));
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(e.Message.Length < 460, e.Message);
        Assert.Equal("compare.json: is not valid JSON at byte 7 (line 1)", e.Message);
    }

    [Fact]
    public void ACorruptGzipSizeFieldDoesNotAllocateAGigabyte()
    {
        // Found by CorruptFileTests: the trailer's size sized the output buffer up to 1 GiB before anything was checked.
        var gz = IdxBuilder.Gzip(IdxBuilder.Labels(300));
        gz.AsSpan(gz.Length - 4).Fill(0xFF);
        using var dir = new TempDirectory();
        var path = dir.Write("labels.gz", gz);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<TeleportDataException>(() => IdxFile.Read(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
    }

    private static byte[] Gzip(ReadOnlySpan<byte> content)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(content);
        return output.ToArray();
    }
}
