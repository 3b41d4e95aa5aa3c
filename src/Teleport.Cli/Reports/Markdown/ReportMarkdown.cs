using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Teleport.Cli.Output;

namespace Teleport.Cli.Reports.Markdown;

/// <summary>
/// report.md: what ran, the time-to-target reading, the final numbers, the plots, the per-epoch and teleport
/// tables, and the configuration. A function of the record alone (no dates, no paths of its own), so the same
/// record always gives the same page.
/// </summary>
internal static partial class ReportMarkdown
{
    public static string Build(ReportInput input, ReportPlan plan)
    {
        var text = new StringBuilder();
        Header(text, input);
        Result(text, input);
        FinalNumbers(text, input);
        Plots(text, plan);
        EpochTables(text, input);
        TeleportTable(text, plan.Teleports, input);
        ConfigTable.AppendTo(text, input.Arms);
        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static void Header(StringBuilder text, ReportInput input)
    {
        var config = input.Primary.Run.Config;
        string? Text(string key) => ReportInput.ConfigText(config, key) is { } value ? MarkdownText.Inline(value) : null;
        string Number(string key) => ReportInput.ConfigNumber(config, key) is { } n ? n.ToString("G6", CultureInfo.InvariantCulture) : "?";
        // "up to 1 steps", "look-ahead 1 steps": the count agrees with its noun.
        string Steps(string key) => $"{Number(key)} {(ReportInput.ConfigNumber(config, key) == 1 ? "step" : "steps")}";
        text.Append($"# Teleport {input.Command}: {Text("model") ?? "model"} on {Text("data_used.name") ?? Text("dataset") ?? "data"}, {Text("optimizer") ?? "optimizer"}\n\n");
        var arms = new List<string>();
        foreach (var arm in input.Arms) arms.Add(MarkdownText.Inline(arm.Name));
        text.Append(input.Compare is null ? $"One run ({arms[0]})" : $"{arms.Count} runs from the same seed and data ({string.Join(", ", arms)})");
        text.Append($": {Number("data_used.train_samples")} training and {Number("data_used.test_samples")} test samples, {Text("optimizer") ?? "?"} with learning rate {Number("lr")}, ");
        // "1 epochs of batches of 20" for a one-epoch run (the count agrees with its noun, as the tool's own lines do).
        text.Append($"{Number("epochs")} {(ReportInput.ConfigNumber(config, "epochs") == 1 ? "epoch" : "epochs")} of batches of {Number("batch_size")} ({(Text("trainer.order") ?? "sequential")}), seed {Number("seed")}.\n\n");
        if (Text("teleport") == "gradnorm")
        {
            var objective = Text("ascent") == "raw" ? "‖∇L‖²" : "log ‖∇L‖²";
            text.Append($"Teleports: {Schedule(config)}; each takes up to {Steps("teleport_steps")} of group ascent on {objective} with η {Number("teleport_lr")} on {TeleportBatch(config)}, ");
            text.Append($"{Text("symmetries") ?? "exact"} symmetries, optimizer state {Text("optimizer_state") ?? "?"}, look-ahead {Steps("teleport_lookahead")}.\n\n");
        }
        if (input.Compare?.Control is not null)
            text.Append($"The control arm applies the same optimizer-state policy ({Text("optimizer_state") ?? "?"}) at the same points without teleporting, to separate the teleports' effect from the policy's.\n\n");
    }

    /// <summary>
    /// The samples a teleport batch held: min(teleport_batch, training samples), as the run's headline says it. A run on
    /// 100 samples with --teleport-batch 200 teleported on all 100, and report.md said "on a batch of 200 samples".
    /// </summary>
    private static string TeleportBatch(Teleport.Records.RecordFields config)
    {
        var c = CultureInfo.InvariantCulture;
        var batch = ReportInput.ConfigNumber(config, "teleport_batch");
        var train = ReportInput.ConfigNumber(config, "data_used.train_samples");
        if (batch is not { } b) return "a batch of ? samples";
        return train is { } n && b > n
            ? string.Create(c, $"all {n:G6} training samples (its teleport_batch, {b:G6}, is more than the set)")
            : string.Create(c, $"a batch of {b:G6} {(b == 1 ? "sample" : "samples")}");
    }

    /// <summary>When the run teleports, in words ("8 at the start of epoch 1; every 7 steps").</summary>
    private static string Schedule(Teleport.Records.RecordFields config)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        var count = ReportInput.ConfigNumber(config, "teleport_count") ?? 0;
        if (count > 0 && config.TryGetValue("teleport_epochs", out var epochs) && epochs.Kind == Teleport.Records.RecordValueKind.Array && epochs.Items.Count > 0)
        {
            var list = new List<string>();
            foreach (var e in epochs.Items) list.Add(e.ToString());
            parts.Add(string.Create(c, $"{count} at the start of {Format.Noun(list.Count, "epoch")} {string.Join(", ", list)}"));
        }
        if (ReportInput.ConfigNumber(config, "teleport_every") is > 0 and var every) parts.Add(string.Create(c, $"every {every} {(every == 1 ? "step" : "steps")}"));
        if (ReportInput.ConfigNumber(config, "teleport_adaptive") is > 0 and var fraction) parts.Add(string.Create(c, $"when ‖∇L‖² falls below {fraction} × its peak"));
        if (ReportInput.ConfigNumber(config, "teleport_max") is { } max) parts.Add(string.Create(c, $"at most {max}"));
        return parts.Count == 0 ? "none scheduled" : string.Join("; ", parts);
    }

    private static void Result(StringBuilder text, ReportInput input)
    {
        if (input.Compare is not { } compare)
        {
            text.Append("A single run has no time-to-target ratio: `teleport compare` trains the same seed without and with teleports and measures it.\n\n");
            return;
        }
        text.Append("## Time to target\n\n");
        text.Append("The time-to-target ratio is an arm's training time to reach the baseline's final train loss, divided by the baseline's total training time.\n\n");
        foreach (var arm in input.Arms)
            if (arm.TimeToTarget is { } t) text.Append("- ").Append(TimeToTargetText.Reading(arm, t)).Append('\n');
        var interval = ReportInput.ConfigNumber(input.Primary.Run.Config, "trainer.loss_trace_interval");
        text.Append('\n').Append(TimeToTargetText.Source(compare.TimeToTarget, interval)).Append("\n\n");
    }

    private static void FinalNumbers(StringBuilder text, ReportInput input)
    {
        text.Append("## Final numbers\n\n");
        var table = new MarkdownTable("arm", "final train loss", "final test loss", "final test accuracy", "training time (s)", "steps", "teleports (kept)").Text("teleports (kept)");
        foreach (var arm in input.Arms)
        {
            var run = arm.Run;
            var last = run.Epochs.Count > 0 ? run.Epochs[^1] : null;
            var kept = 0;
            var known = false;
            foreach (var e in run.Teleports)
            {
                if (!e.Extra.TryGetValue("kept", out var k) || k.Kind != Teleport.Records.RecordValueKind.Boolean) continue;
                known = true;
                if (k.Boolean) kept++;
            }
            var teleports = ReportNumbers.Integer(run.Teleports.Count) + (known ? $" ({ReportNumbers.Integer(kept)})" : "");
            table.Row(arm.Name, Format.Loss(last?.TrainLoss), Format.Loss(last?.TestLoss), Format.Percent(last?.TestAccuracy),
                ReportNumbers.Seconds(last?.WallSeconds), last is null ? "-" : ReportNumbers.Integer(last.Steps), teleports);
        }
        table.AppendTo(text);
    }

    private static void Plots(StringBuilder text, ReportPlan plan)
    {
        text.Append("## Plots\n\n");
        foreach (var plot in plan.Plots)
            text.Append($"![{plot.File}]({plot.File})\n\n{plot.Caption}\n\n");
        foreach (var note in plan.Omitted) text.Append(note).Append("\n\n");
    }
}
