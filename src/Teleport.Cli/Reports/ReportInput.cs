using System.Collections.Generic;
using Teleport.Records;

namespace Teleport.Cli.Reports;

/// <summary>
/// What a report shows: the runs of a <c>compare</c> record (baseline, teleport, optional control, with the
/// time-to-target results) or the single run of a <c>train</c> record. A report of a live run is built from
/// the record's JSON form, exactly as <c>teleport report</c> reads the <c>--out</c> file, so the two are equal.
/// </summary>
internal sealed class ReportInput
{
    private ReportInput(string command, IReadOnlyList<ReportArm> arms, CompareRecord? compare)
    {
        Command = command;
        Arms = arms;
        Compare = compare;
    }

    /// <summary>"compare" or "train".</summary>
    public string Command { get; }

    /// <summary>The runs, baseline first for a comparison.</summary>
    public IReadOnlyList<ReportArm> Arms { get; }

    /// <summary>The comparison, for a compare record.</summary>
    public CompareRecord? Compare { get; }

    /// <summary>The arm whose configuration describes the teleports (the teleport arm of a comparison, else the run).</summary>
    public ReportArm Primary => Compare is null ? Arms[0] : Arms[1];

    /// <summary>A comparison, normalised through its JSON form.</summary>
    public static ReportInput FromCompare(CompareRecord record) =>
        OfCompare(CompareRecordJson.Parse(CompareRecordJson.ToUtf8Bytes(record), "compare record"));

    /// <summary>One run, normalised through its JSON form.</summary>
    public static ReportInput FromRun(RunRecord record) =>
        OfRun(RunRecordJson.Parse(RunRecordJson.ToUtf8Bytes(record), "run record"));

    /// <summary>Reads a compare record (an object with "baseline" and "teleport") or a run record from <paramref name="path"/>.</summary>
    /// <exception cref="Teleport.Data.TeleportDataException">The file is missing, not JSON, or neither kind of record.</exception>
    public static ReportInput Load(string path)
    {
        var value = RecordJsonReader.ReadFile(path);
        if (!RecordKind.IsReportable(value) && RecordKind.Describe(value) is { } other)
            throw new Teleport.Data.TeleportDataException(path, $"is {other}, not a run or compare record: teleport report renders the --out files of train and compare");
        if (RecordKind.HalfACompare(value) is { } half)
            throw new Teleport.Data.TeleportDataException(path, half);
        var isCompare = value.Kind == RecordValueKind.Object && value.Fields.ContainsKey("baseline") && value.Fields.ContainsKey("teleport");
        var input = isCompare ? OfCompare(CompareRecordJson.Read(path)) : OfRun(RunRecordJson.FromValue(value, path));
        ReportValues.Check(input, path);
        ReportConfigValues.Check(input, path);
        ReportArmConfigs.Check(input, path);
        return input;
    }

    private static ReportInput OfCompare(CompareRecord record)
    {
        var arms = new List<ReportArm>
        {
            new("baseline", record.Baseline, null),
            new("teleport", record.Teleport, record.TimeToTarget),
        };
        if (record.Control is { } control) arms.Add(new("control", control, record.ControlTimeToTarget));
        return new ReportInput("compare", arms, record);
    }

    private static ReportInput OfRun(RunRecord record)
    {
        var arm = ConfigText(record.Config, "arm") ?? "run";
        return new ReportInput(ConfigText(record.Config, "command") ?? "train", [new ReportArm(arm, record, null)], null);
    }

    /// <summary>A string field of a configuration, possibly nested ("model_info.loss"), if it is one.</summary>
    public static string? ConfigText(RecordFields config, string path) =>
        Find(config, path) is { Kind: RecordValueKind.String } value ? value.String : null;

    /// <summary>A numeric field of a configuration, possibly nested ("teleport_options.loss_tolerance").</summary>
    public static double? ConfigNumber(RecordFields config, string path) =>
        Find(config, path) is { } value && value.TryGetNumber(out var number) ? number : null;

    private static RecordValue? Find(RecordFields config, string path)
    {
        var fields = config;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (!fields.TryGetValue(parts[i], out var value)) return null;
            if (i == parts.Length - 1) return value;
            if (value.Kind != RecordValueKind.Object) return null;
            fields = value.Fields;
        }
        return null;
    }
}
