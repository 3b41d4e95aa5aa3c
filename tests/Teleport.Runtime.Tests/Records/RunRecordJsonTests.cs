using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Teleport.Data;
using Teleport.Records;
using Teleport.Runtime.Tests.Data;

namespace Teleport.Runtime.Tests.Records;

public sealed class RunRecordJsonTests
{
    private static RunRecord Sample(RecordFields? summary = null) => new(
        RecordsTestData.Config(),
        [
            new EpochRecord(1, 0.61, 0.55, 0.81, 0.9, 0.42, 2500),
            new EpochRecord(2, 0.5, null, null, 0.7, 0.9, 5000) { Extra = new RecordFields().Add("lr", 0.01).Add("note", "x") },
        ],
        [new TeleportEvent(15000, 7, 0.7, 0.7, 1.1, 3.9, 10, 0.002) { Extra = new RecordFields().Add("loss_drift", 1e-7) }],
        [new LossTracePoint(100, 1, 0.8, 2000, 0.02), new LossTracePoint(2500, 1, 0.6, 48000, 0.42)],
        summary);

    [Fact]
    public void WritesDesignMdsShapeWithSnakeCaseKeysInOrder()
    {
        using var doc = JsonDocument.Parse(RunRecordJson.ToUtf8Bytes(Sample(new RecordFields().Add("final_test_accuracy", 0.81))));
        var root = doc.RootElement;
        Assert.Equal(["config", "epochs", "teleports", "loss_trace", "summary"], Keys(root));
        Assert.Equal(["optimizer", "teleport", "sizes", "teleport_lr", "data", "optimizer_settings"], Keys(root.GetProperty("config")));

        var epochs = root.GetProperty("epochs");
        Assert.Equal(["epoch", "train_loss", "test_loss", "test_accuracy", "grad_norm_sq", "wall_seconds", "steps"], Keys(epochs[0]));
        Assert.Equal(1, epochs[0].GetProperty("epoch").GetInt32());
        Assert.Equal(0.61, epochs[0].GetProperty("train_loss").GetDouble());
        Assert.Equal(0.42, epochs[0].GetProperty("wall_seconds").GetDouble());
        Assert.Equal(["epoch", "train_loss", "test_loss", "test_accuracy", "grad_norm_sq", "wall_seconds", "steps", "lr", "note"], Keys(epochs[1]));
        Assert.Equal(JsonValueKind.Null, epochs[1].GetProperty("test_loss").ValueKind);
        Assert.Equal(JsonValueKind.Null, epochs[1].GetProperty("test_accuracy").ValueKind);

        var teleport = root.GetProperty("teleports")[0];
        Assert.Equal(["step", "epoch", "loss_before", "loss_after", "grad_norm_sq_before", "grad_norm_sq_after", "steps_taken", "seconds", "loss_drift"], Keys(teleport));
        Assert.Equal(15000, teleport.GetProperty("step").GetInt64());
        Assert.Equal(3.9, teleport.GetProperty("grad_norm_sq_after").GetDouble());
        Assert.Equal(["step", "epoch", "train_loss", "samples", "wall_seconds"], Keys(root.GetProperty("loss_trace")[0]));

        var text = Encoding.UTF8.GetString(RunRecordJson.ToUtf8Bytes(Sample()));
        Assert.DoesNotContain("summary", text);
        Assert.Contains("\"epoch\": 1,", text);
        Assert.EndsWith("}\n", text);
    }

    [Fact]
    public void RoundTripsExactly()
    {
        var record = Sample(new RecordFields().Add("count", 3));
        var bytes = RunRecordJson.ToUtf8Bytes(record);
        var back = RunRecordJson.Parse(bytes, "run.json");
        Assert.Equal(record.Config, back.Config);
        Assert.Equal(record.Epochs, back.Epochs);
        Assert.Equal(record.Teleports, back.Teleports);
        Assert.Equal(record.LossTrace, back.LossTrace);
        Assert.Equal(record.Summary, back.Summary);
        Assert.Equal(bytes, RunRecordJson.ToUtf8Bytes(back));

        using var dir = new TempDirectory();
        RunRecordJson.Write(dir.File("run.json"), record);
        Assert.Equal(bytes, System.IO.File.ReadAllBytes(dir.File("run.json")));
        Assert.Equal(record.Epochs, RunRecordJson.Read(dir.File("run.json")).Epochs);
    }

    [Fact]
    public void NumbersReadBackBitExactAndNonFiniteOnesAsStrings()
    {
        var random = new SeededRandom(3);
        var values = new List<double> { 0.1, 1.0 / 3, 1e-300, double.Epsilon, double.MaxValue, -0.0, 123456789.123456789, double.NaN, double.PositiveInfinity, double.NegativeInfinity };
        for (var i = 0; i < 200; i++) values.Add(BitConverter.Int64BitsToDouble((long)random.NextUInt64() & 0x7FEF_FFFF_FFFF_FFFF));
        for (var i = 0; i < 200; i++) values.Add((float)random.NextDouble());
        var epochs = new List<EpochRecord>();
        for (var i = 0; i < values.Count; i++) epochs.Add(new EpochRecord(i + 1, values[i], values[i], null, values[i], values[i], i));
        var back = RunRecordJson.Parse(RunRecordJson.ToUtf8Bytes(new RunRecord(new RecordFields(), epochs)), "numbers");
        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(back.Epochs[i].TrainLoss));
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(back.Epochs[i].TestLoss!.Value));
        }

        var text = Encoding.UTF8.GetString(RunRecordJson.ToUtf8Bytes(new RunRecord(new RecordFields(), [epochs[7], epochs[8], epochs[9]])));
        Assert.Contains("\"train_loss\": \"NaN\"", text);
        Assert.Contains("\"train_loss\": \"Infinity\"", text);
        Assert.Contains("\"train_loss\": \"-Infinity\"", text);
    }

    [Theory]
    [InlineData("""{"config": {}, "epochs": [{"epoch": 1, "train_loss": 1, "grad_norm_sq": 1, "wall_seconds": 1, "steps": 1}, {"epoch": 2, "grad_norm_sq": 1, "wall_seconds": 1, "steps": 1}]}""", "\"epochs[1].train_loss\" is missing")]
    [InlineData("""{"config": {}, "epochs": [{"epoch": 1.5, "train_loss": 1, "grad_norm_sq": 1, "wall_seconds": 1, "steps": 1}]}""", "\"epochs[0].epoch\" is 1.5, not an integer")]
    [InlineData("""{"config": {}, "epochs": [{"epoch": 0, "train_loss": 1, "grad_norm_sq": 1, "wall_seconds": 1, "steps": 1}]}""", "\"epochs[0].epoch\" is 0, less than 1")]
    [InlineData("""{"config": {}, "epochs": [{"epoch": 1, "train_loss": "fast", "grad_norm_sq": 1, "wall_seconds": 1, "steps": 1}]}""", "\"epochs[0].train_loss\" is a string, not a number")]
    [InlineData("""{"epochs": []}""", "\"config\" is missing")]
    [InlineData("""{"config": {}, "epochs": {}}""", "\"epochs\" is an object, not an array")]
    [InlineData("""{"config": {}, "epochs": [], "teleports": [{"step": 1}]}""", "\"teleports[0].epoch\" is missing")]
    [InlineData("""[]""", "the top-level value is an array, not an object")]
    [InlineData("""{"config": {}, "config": {}, "epochs": []}""", "duplicate key \"config\" (at byte 15)")]
    [InlineData("""{"config": {}, "epochs": []} {}""", "run.json: is not valid JSON at byte 29 (line 1): more follows the JSON value")]
    [InlineData("""{"config": {}, "epochs": [1e999]}""", "a number outside the range of double (at byte 26)")]
    [InlineData("""{"config": {}, "epochs": [""", "run.json: is not valid JSON at byte 26 (line 1): it ends inside a value (cut short?)")]
    [InlineData("", "run.json: is empty")]
    [InlineData(" \n ", "run.json: is empty (white space only)")]
    [InlineData("{\"config\": {},\n \"epochs\": [1,]}", "run.json: is not valid JSON at byte 29 (line 2): a trailing comma")]
    [InlineData("""{"config": {}, "epochs": [}""", "run.json: is not valid JSON at byte 26 (line 1)")]
    public void MalformedRecordsAreReportedWithTheirPlace(string json, string problem)
    {
        var error = Assert.Throws<TeleportDataException>(() => RunRecordJson.Parse(Encoding.UTF8.GetBytes(json), "run.json"));
        Assert.StartsWith("run.json: ", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void JsonErrorsAreInPlainWordsWithoutTheParsersText()
    {
        // Before: "The maximum configured depth of 64 has been exceeded. Cannot read next JSON array. LineNumber: 0 | BytePositionInLine: 64."
        var deep = RunRecordJson.Parse;
        var error = Assert.Throws<TeleportDataException>(() => deep(Encoding.UTF8.GetBytes(new string('[', 100)), "run.json"));
        Assert.Equal("run.json: nests deeper than 64 levels at byte 64 (line 1)", error.Message);
        foreach (var json in new[] { "", "{\"a\": [1,]}", "{\"a\": 1", "{} x", "{\"a\": tru}", "/* c */ {}" })
        {
            var e = Assert.Throws<TeleportDataException>(() => RunRecordJson.Parse(Encoding.UTF8.GetBytes(json), "run.json"));
            foreach (var parserWords in new[] { "LineNumber", "BytePositionInLine", "isFinalBlock", "reader options", "JSON tokens", "invalid JSON (" })
                Assert.DoesNotContain(parserWords, e.Message);
        }
    }

    [Fact]
    public void AByteOrderMarkIsAccepted()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetPreamble());
        bytes.AddRange(RunRecordJson.ToUtf8Bytes(Sample()));
        Assert.Equal(2, RunRecordJson.Parse(bytes.ToArray(), "bom.json").Epochs.Count);
    }

    [Fact]
    public void AMissingFileIsDatasetNotFound()
    {
        using var dir = new TempDirectory();
        Assert.Throws<DatasetNotFoundException>(() => RunRecordJson.Read(dir.File("none.json")));
    }

    private static List<string> Keys(JsonElement element)
    {
        var keys = new List<string>();
        foreach (var p in element.EnumerateObject()) keys.Add(p.Name);
        return keys;
    }
}
