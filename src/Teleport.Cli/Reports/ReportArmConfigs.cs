using System.Globalization;
using Teleport.Data;
using Teleport.Records;

namespace Teleport.Cli.Reports;

/// <summary>
/// The arms of a compare record share their settings: <c>compare</c> writes each arm's config from one set of options
/// (<c>Running/RunConfig.cs</c>), so every field is the same in every arm but the arm's name and its teleports —
/// <see cref="ArmOwn"/>. report.md's headline states the first arm's settings for all of them: a bad-input sweep put
/// arms of different seeds, learning rates or data side by side and the report compared them as one experiment.
/// </summary>
internal static class ReportArmConfigs
{
    /// <summary>The fields that differ by arm: its name, whether it teleports, whether it is the control, how it teleports.</summary>
    private static readonly string[] ArmOwn = ["arm", "teleport", "control", "teleport_options"];

    /// <exception cref="TeleportDataException">An arm whose name is not its place, or the first field where an arm's config differs from the baseline's.</exception>
    public static void Check(ReportInput input, string path)
    {
        if (input.Compare is null) return;
        var baseline = input.Arms[0];
        foreach (var arm in input.Arms)
        {
            // The writer names each arm's config after its place: a name of another arm is a swapped or pasted arm.
            if (ReportInput.ConfigText(arm.Run.Config, "arm") is { } name && name != arm.Name)
                throw new TeleportDataException(path, $"\"{arm.Name}.config.arm\" is \"{name}\": compare writes each arm's name in its config, so the arms were swapped or put together by hand");
            if (!ReferenceEquals(arm, baseline)) AgreeFields(path, arm.Name, "", arm.Run.Config, baseline.Run.Config, ArmOwn);
        }
    }

    /// <summary>Each field of either object, but those in <paramref name="skipped"/>, agrees (<see cref="Agree"/>) under <paramref name="prefix"/>.</summary>
    private static void AgreeFields(string path, string armName, string prefix, RecordFields fields, RecordFields baseline, string[] skipped)
    {
        foreach (var (key, value) in fields)
            if (System.Array.IndexOf(skipped, key) < 0) Agree(path, armName, prefix + key, value, baseline.TryGetValue(key, out var other) ? other : null);
        foreach (var (key, value) in baseline)
            if (System.Array.IndexOf(skipped, key) < 0 && !fields.ContainsKey(key)) Agree(path, armName, prefix + key, null, value);
    }

    /// <summary>Refuses the first place under <paramref name="key"/> where the arm's value differs from the baseline's (null: missing).</summary>
    private static void Agree(string path, string armName, string key, RecordValue? value, RecordValue? baseline)
    {
        if (value is not null && baseline is not null && value.Equals(baseline)) return;
        // Name the innermost field that differs ("data_used.train_samples", not "data_used").
        if (value is { Kind: RecordValueKind.Object } v && baseline is { Kind: RecordValueKind.Object } b)
        {
            AgreeFields(path, armName, key + ".", v.Fields, b.Fields, []);
            return;
        }
        throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
            $"\"{armName}.config.{key}\" is {Show(value)}, but \"baseline.config.{key}\" is {Show(baseline)}: compare trains every arm with the same settings but its teleports (report.md states the baseline's for all), so the file was edited or its arms come from different runs"));
    }

    private static string Show(RecordValue? value) => value switch
    {
        null => "missing",
        { Kind: RecordValueKind.String } => $"\"{value.String}\"",
        { Kind: RecordValueKind.Number } => RecordJson.Text(value.Number),
        _ => value.ToString(),
    };
}
