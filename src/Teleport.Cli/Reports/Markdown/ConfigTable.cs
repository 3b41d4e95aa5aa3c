using System;
using System.Collections.Generic;
using System.Text;
using Teleport.Records;

namespace Teleport.Cli.Reports.Markdown;

/// <summary>
/// The configuration "as used" of every arm, flattened to dotted keys (<c>optimizer_settings.eps</c>): one table
/// of the settings all arms share and, for a comparison, one of the settings that differ, an arm per column.
/// </summary>
internal static class ConfigTable
{
    /// <summary>A setting an arm does not have at all (the baseline's teleport options), as opposed to one it has as null ("-").</summary>
    private const string NotApplicable = "n/a";

    /// <summary>Appends the tables (with their headings) to <paramref name="text"/>.</summary>
    public static void AppendTo(StringBuilder text, IReadOnlyList<ReportArm> arms)
    {
        var flat = new List<Dictionary<string, string>>();
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arm in arms)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var order = new List<string>();
            Flatten(arm.Run.Config, "", values, order);
            flat.Add(values);
            foreach (var key in order)
                if (seen.Add(key)) keys.Add(key);
        }
        // A null object in one arm ("teleport_options" of the baseline) is shown by its fields' absence.
        keys.RemoveAll(key => keys.Exists(other => other.StartsWith(key + ".", StringComparison.Ordinal)));

        var shared = new MarkdownTable("setting", "value").Text("value");
        var headers = new List<string> { "setting" };
        foreach (var arm in arms) headers.Add(arm.Name);
        var differing = new MarkdownTable([.. headers]).Text([.. headers]);
        foreach (var key in keys)
        {
            var cells = new List<string> { key };
            foreach (var values in flat) cells.Add(values.TryGetValue(key, out var v) ? v : NotApplicable);
            if (cells.FindIndex(1, c => c != cells[1]) < 0) shared.Row(key, cells[1]);
            else differing.Row([.. cells]);
        }
        text.Append("## Configuration\n\n");
        if (arms.Count > 1 && differing.Count > 0)
        {
            text.Append("Settings that differ between the arms:\n\n");
            differing.AppendTo(text);
            text.Append("Settings shared by every arm:\n\n");
        }
        shared.AppendTo(text);
    }

    private static void Flatten(RecordFields fields, string prefix, Dictionary<string, string> values, List<string> order)
    {
        foreach (var (key, value) in fields)
        {
            var path = prefix + key;
            if (value.Kind == RecordValueKind.Object && value.Fields.Count > 0)
            {
                Flatten(value.Fields, path + ".", values, order);
                continue;
            }
            values[path] = Text(value);
            order.Add(path);
        }
    }

    private static string Text(RecordValue value) => value.Kind switch
    {
        RecordValueKind.Null => "-",
        RecordValueKind.Array => "[" + string.Join(", ", Items(value)) + "]",
        RecordValueKind.Object => "{}",
        _ => value.ToString(),
    };

    private static IEnumerable<string> Items(RecordValue array)
    {
        foreach (var item in array.Items) yield return item.Kind is RecordValueKind.Array or RecordValueKind.Object ? item.ToString() : Text(item);
    }
}
