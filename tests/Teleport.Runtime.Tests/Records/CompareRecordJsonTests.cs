using System.Collections.Generic;
using System.Text.Json;
using Teleport.Records;

namespace Teleport.Runtime.Tests.Records;

public sealed class CompareRecordJsonTests
{
    private static readonly RunRecord Baseline = RecordsTestData.Run([(1, 0.9), (2, 0.7), (4, 0.5)], name: "baseline");
    private static readonly RunRecord Teleport = RecordsTestData.Run([(1, 0.8), (2, 0.4), (4, 0.3)], name: "teleport");
    private static readonly RunRecord Control = RecordsTestData.Run([(1, 0.95), (3, 0.6), (5, 0.75)], name: "control");

    [Fact]
    public void WritesRunsAndTheRatio()
    {
        var record = CompareRecord.Create(Baseline, Teleport);
        // On the smoothed trace (trailing means): target 0.7, the baseline's last mean (0.9 + 0.7 + 0.5)/3, total 4 s;
        // the teleport run's means 0.8, 0.6, 0.5 cross it between (1 s, 0.8) and (2 s, 0.6): at 1.5 s.
        Assert.Equal(1.5 / 4, record.TimeToTargetRatio!.Value, 1e-12);

        using var doc = JsonDocument.Parse(CompareRecordJson.ToUtf8Bytes(record));
        var root = doc.RootElement;
        Assert.Equal(["baseline", "teleport", "target_source", "target_train_loss", "baseline_seconds", "time_to_target_seconds", "time_to_target_ratio"], Keys(root));
        Assert.Equal("baseline", root.GetProperty("baseline").GetProperty("config").GetProperty("name").GetString());
        Assert.Equal("smoothed_loss_trace", root.GetProperty("target_source").GetString());
        Assert.Equal(0.7, root.GetProperty("target_train_loss").GetDouble(), 1e-12);
        Assert.Equal(record.TimeToTargetRatio, root.GetProperty("time_to_target_ratio").GetDouble());
    }

    [Fact]
    public void AControlRunGetsItsOwnRatioAndNeverReachingIsNull()
    {
        var record = CompareRecord.Create(Baseline, Teleport, Control);
        // the control's means 0.95, 0.775, 0.767 stay above 0.7
        Assert.Null(record.ControlTimeToTarget!.Value.Ratio);
        using var doc = JsonDocument.Parse(CompareRecordJson.ToUtf8Bytes(record));
        var root = doc.RootElement;
        Assert.Equal(["baseline", "teleport", "control", "target_source", "target_train_loss", "baseline_seconds", "time_to_target_seconds",
            "time_to_target_ratio", "control_time_to_target_seconds", "control_time_to_target_ratio"], Keys(root));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("control_time_to_target_ratio").ValueKind);
    }

    [Fact]
    public void RoundTrips()
    {
        foreach (var record in new[] { CompareRecord.Create(Baseline, Teleport), CompareRecord.Create(Baseline, Control, Teleport) })
        {
            var bytes = CompareRecordJson.ToUtf8Bytes(record);
            var back = CompareRecordJson.Parse(bytes, "compare.json");
            Assert.Equal(record.TimeToTarget, back.TimeToTarget);
            Assert.Equal(record.ControlTimeToTarget, back.ControlTimeToTarget);
            Assert.Equal(record.Baseline.LossTrace, back.Baseline.LossTrace);
            Assert.Equal(record.Control?.Config, back.Control?.Config);
            Assert.Equal(bytes, CompareRecordJson.ToUtf8Bytes(back));
        }
    }

    [Fact]
    public void ErrorsInANestedRunNameTheRun()
    {
        var json = """{"baseline": {"config": {}, "epochs": [{}]}, "teleport": {"config": {}, "epochs": []}, "target_source": "epochs"}"""u8.ToArray();
        var error = Assert.Throws<Teleport.Data.TeleportDataException>(() => CompareRecordJson.Parse(json, "compare.json"));
        Assert.Contains("\"baseline.epochs[0].epoch\" is missing", error.Message);
    }

    private static List<string> Keys(JsonElement element)
    {
        var keys = new List<string>();
        foreach (var p in element.EnumerateObject()) keys.Add(p.Name);
        return keys;
    }
}
