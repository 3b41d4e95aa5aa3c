using System.Collections.Generic;
using Teleport.Records;

namespace Teleport.Runtime.Tests.Records;

/// <summary>Run records built by hand for the reporting tests.</summary>
internal static class RecordsTestData
{
    public static RecordFields Config() => new RecordFields()
        .Add("optimizer", "adagrad")
        .Add("teleport", true)
        .Add("sizes", RecordValue.FromNumbers([784, 16, 10, 10]))
        .Add("teleport_lr", 1e-4)
        .Add("data", RecordValue.Null)
        .Add("optimizer_settings", new RecordFields().Add("lr", 0.01).Add("eps", 1e-10));

    public static RunRecord Run(
        IEnumerable<(double Seconds, double Loss)> trace,
        IEnumerable<(double Seconds, double Loss)>? epochs = null,
        string name = "run")
    {
        var points = new List<LossTracePoint>();
        var step = 0L;
        foreach (var (seconds, loss) in trace) points.Add(new LossTracePoint(step += 10, 1, loss, 200, seconds));
        var records = new List<EpochRecord>();
        var epoch = 0;
        foreach (var (seconds, loss) in epochs ?? [])
            records.Add(new EpochRecord(++epoch, loss, loss, 0.5, 1.0, seconds, epoch * 100L));
        if (records.Count == 0 && points.Count > 0)
            records.Add(new EpochRecord(1, points[^1].TrainLoss, null, null, 1.0, points[^1].WallSeconds, points[^1].Step));
        return new RunRecord(new RecordFields().Add("name", name), records, null, points);
    }
}
