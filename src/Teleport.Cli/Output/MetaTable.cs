using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Teleport.MetaLearning;
using Teleport.Records;
using Teleport.Serialization;

namespace Teleport.Cli.Output;

/// <summary>The learning-to-teleport tables (test loss by step, mean ± std over the test tasks) and the JSON record of the arms.</summary>
internal static class MetaTable
{
    private static readonly int[] Rows = [0, 1, 2, 5, 10, 20, 29, 50, 99, 100, 200, 299];

    public static void Write(TextWriter output, IReadOnlyList<ArmResult> arms, int steps)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("Test loss before step e (mean ± std over the test tasks):");
        var header = string.Create(inv, $"{"e",6}");
        foreach (var arm in arms) header += string.Create(inv, $"  {arm.Name,24}");
        output.WriteLine(header);
        var rows = new SortedSet<int>(Rows) { steps - 1 };
        foreach (var e in rows)
        {
            if (e >= steps) break;
            var line = string.Create(inv, $"{e,6}");
            foreach (var arm in arms)
            {
                var (mean, std) = arm.At(e);
                // A learned optimizer may blow up on a task (out of its training distribution): said as such, not as NaN.
                line += double.IsFinite(mean) ? string.Create(inv, $"  {mean,12:G5} ± {std,-9:G3}") : $"  {"diverged",12}{"",12}";
            }
            output.WriteLine(line);
        }
        foreach (var arm in arms)
        {
            if (Divergence(arm, steps) is { } diverged) output.WriteLine(diverged);
            if (arm.MetaLosses.Length == 0) continue;
            double change = 0, step = 0;
            int count = 0, total = 0;
            for (var t = 0; t < arm.Losses.Length; t++)
                for (var e = 0; e < steps; e++)
                {
                    total++;
                    if (!double.IsFinite(arm.TeleportLossChanges[t][e]) || !double.IsFinite(arm.StepSizes[t][e])) continue;
                    change += Math.Abs(arm.TeleportLossChanges[t][e]);
                    step += arm.StepSizes[t][e];
                    count++;
                }
            var over = count == total ? "" : string.Create(inv, $" (over the {count} of {total} steps whose values are finite)");
            // An arm that does not teleport has no loss change to average (it printed "mean |ΔL| per teleport 0").
            var teleport = arm.Teleports ? string.Create(inv, $"mean |ΔL| per teleport {change / count:G3}, ") : "";
            output.WriteLine(count == 0
                ? $"{arm.Name}: no step has a finite {(arm.Teleports ? "teleport loss change and " : "")}step size."
                : string.Create(inv, $"{arm.Name}: {teleport}mean step size {step / count:G3}{over}{(arm.Teleports ? "" : "; it does not teleport")}."));
        }
    }

    /// <summary>"… diverged on k of n test tasks (from step e)" when a test loss is not finite, else null.</summary>
    private static string? Divergence(ArmResult arm, int steps)
    {
        int tasks = 0, first = int.MaxValue;
        foreach (var losses in arm.Losses)
        {
            var at = Array.FindIndex(losses, 0, Math.Min(steps, losses.Length), v => !double.IsFinite(v));
            if (at < 0) continue;
            tasks++;
            first = Math.Min(first, at);
        }
        return tasks == 0 ? null : string.Create(CultureInfo.InvariantCulture,
            $"{arm.Name}: diverged on {tasks} of {arm.Losses.Length} {Format.Noun(arm.Losses.Length, "test task")}: the test loss is not finite from step {first} on (the JSON holds null there).");
    }

    /// <summary>Every arm's name, whether it teleports, its test losses, step sizes, teleport loss changes (zeros for an arm that does not teleport), meta-losses and wall times (seconds before each step) as JSON, atomically.</summary>
    public static void WriteJson(string path, MetaSettingsJson settings, IReadOnlyList<ArmResult> arms) =>
        AtomicFile.WriteAllBytes(path, Json(settings, arms));

    /// <summary>The JSON <see cref="WriteJson"/> writes, as UTF-8 bytes (for outputs written all or none, <c>RunOutputs</c>).</summary>
    public static byte[] Json(MetaSettingsJson settings, IReadOnlyList<ArmResult> arms)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            // numbers as numbers, names as strings (MetaSettingsJson: every value was a string before)
            RecordJson.WriteFields(json, settings.Fields);
            json.WriteStartArray("arms");
            foreach (var arm in arms)
            {
                json.WriteStartObject();
                json.WriteString("name", arm.Name);
                json.WriteBoolean("teleports", arm.Teleports);
                Matrix(json, "losses", arm.Losses);
                Matrix(json, "step_sizes", arm.StepSizes);
                Matrix(json, "teleport_loss_changes", arm.TeleportLossChanges);
                Matrix(json, "seconds", arm.Seconds);
                json.WriteStartArray("meta_losses");
                foreach (var v in arm.MetaLosses) Number(json, v);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Matrix(Utf8JsonWriter json, string name, double[][] rows)
    {
        json.WriteStartArray(name);
        foreach (var row in rows)
        {
            json.WriteStartArray();
            foreach (var v in row) Number(json, v);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    // JSON has no NaN or infinity: a diverged run's values are written as null.
    private static void Number(Utf8JsonWriter json, double v)
    {
        if (double.IsFinite(v)) json.WriteNumberValue(v);
        else json.WriteNullValue();
    }
}
