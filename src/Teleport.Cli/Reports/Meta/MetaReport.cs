using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Teleport.Cli.Output;
using Teleport.MetaLearning;
using Teleport.Serialization;

namespace Teleport.Cli.Reports.Meta;

/// <summary>
/// The report folders of <c>meta-test</c> (report.md: the learners, GD, the printed table and the figures) and
/// <c>meta-train</c> (report.md and the meta-loss curve), published atomically through <see cref="ReportFolder"/>.
/// </summary>
internal static class MetaReport
{
    public const string LossFirstSteps = "loss-by-step-30.png";
    public const string LossAllSteps = "loss-by-step.png";
    public const string LossByTime = "loss-by-time.png";
    public const string StepSizes = "step-size.png";
    public const string TeleportLossChanges = "teleport-loss-change.png";
    public const string MetaLoss = "meta-loss.png";

    /// <summary>The names a meta-test report folder may hold.</summary>
    public static IReadOnlyList<string> TestFiles { get; } = [ReportFiles.Markdown, LossFirstSteps, LossAllSteps, LossByTime, StepSizes, TeleportLossChanges];

    /// <summary>The names a meta-train report folder may hold.</summary>
    public static IReadOnlyList<string> TrainFiles { get; } = [ReportFiles.Markdown, MetaLoss];

    /// <summary>Writes the meta-test report: <paramref name="learners"/> pairs each learner's column name with the file it was read from.</summary>
    public static void WriteTest(string folder, MetaProtocol protocol, IReadOnlyList<(string Name, string File)> learners, IReadOnlyList<ArmResult> arms)
    {
        var c = CultureInfo.InvariantCulture;
        var teleports = arms.Any(arm => arm.Teleports);
        var text = new StringBuilder();
        text.Append(c, $"# Teleport meta-test: {learners.Count} learned optimiser(s) against GD\n\n");
        text.Append(c, $"Learning to teleport (Figure 6 of Zhao et al., ICLR 2024): every arm runs {Format.Count(protocol.Steps, "step")} on {(protocol.TestTasks == 1 ? "the held-out test task" : $"each of the {protocol.TestTasks} held-out test tasks")} (seeds n²·12345), without meta-updates.\n\n");
        text.Append("| arm | meta-network file |\n| --- | --- |\n");
        text.Append(c, $"| GD | — (fixed step size {protocol.GradientDescentStepSize:G3}) |\n");
        foreach (var (name, file) in learners) text.Append(c, $"| {Markdown.MarkdownText.Inline(name)} | {Markdown.MarkdownText.Code(Path.GetFileName(file))} |\n");
        using (var table = new StringWriter(c))
        {
            MetaTable.Write(table, arms, protocol.Steps);
            text.Append("\n## Test loss by step\n\n```\n").Append(table.ToString()).Append("```\n\n");
        }
        text.Append("## Figures\n\nLines are the mean over the test tasks, bands mean ± std (on a log axis a lower edge at or below 0 is drawn at the axis' bottom).\n\n");
        text.Append(c, $"![test loss, the first 30 steps]({LossFirstSteps})\n\n![test loss, all {Format.Count(protocol.Steps, "step")}]({LossAllSteps})\n\n");
        text.Append(c, $"![test loss against wall time]({LossByTime})\n\nWall time: the time spent on the task before the step (loss, gradient, update and teleport of the earlier steps), measured on the machine that ran the command; compare it between arms of one run only.\n\n");
        text.Append(c, $"![step size by step]({StepSizes})\n\nStep size: the learned η_e (learned-rate variants), ‖u_e‖/‖∇L_e‖ (update variants) or GD's fixed step.\n\n");
        text.Append(teleports
            ? $"![loss change caused by each teleport]({TeleportLossChanges})\n\nTeleport loss change: L(W_{{e+1}}) − L(W′_e), the loss after the teleport minus the loss after the update; the arms that teleport only.\n"
            : "No arm teleported, so there is no teleport loss-change figure.\n");
        var markdown = text.ToString();
        ReportFolder.Publish(folder, staging =>
        {
            Png(staging, LossFirstSteps, MetaPlot.LossByStep(arms, System.Math.Min(30, protocol.Steps), "Test loss, first 30 steps"));
            Png(staging, LossAllSteps, MetaPlot.LossByStep(arms, protocol.Steps, string.Create(c, $"Test loss, all {Format.Count(protocol.Steps, "step")}")));
            Png(staging, LossByTime, MetaPlot.LossByTime(arms));
            Png(staging, StepSizes, MetaPlot.StepSizes(arms, protocol.Steps));
            if (teleports) Png(staging, TeleportLossChanges, MetaPlot.TeleportLossChanges(arms, protocol.Steps));
            AtomicFile.WriteAllText(Path.Combine(staging, ReportFiles.Markdown), markdown);
        }, TestFiles);
    }

    /// <summary>Writes the meta-train report: the settings (the saved file's metadata) and the meta-loss of every window.</summary>
    public static void WriteTrain(string folder, string title, string savedTo, IReadOnlyDictionary<string, string> metadata, double[] metaLosses)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"# Teleport meta-train: {title}\n\nMeta-trained on the training tasks (seeds n²·12345 − 1) and saved to `{Path.GetFileName(savedTo)}`.\n\n");
        var table = new Markdown.MarkdownTable("setting", "value").Text("value");
        foreach (var (key, value) in metadata) table.Row(key, value);
        table.AppendTo(text);
        text.Append(c, $"![meta-loss by window]({MetaLoss})\n\nMeta-loss: Σ L over a window of inner steps, one point per window ({Format.Count(metaLosses.Length, "window")}; a diverged window is not recorded).\n");
        var markdown = text.ToString();
        ReportFolder.Publish(folder, staging =>
        {
            Png(staging, MetaLoss, MetaPlot.MetaLosses(title, metaLosses));
            AtomicFile.WriteAllText(Path.Combine(staging, ReportFiles.Markdown), markdown);
        }, TrainFiles);
    }

    private static void Png(string staging, string name, byte[] bytes) => AtomicFile.WriteAllBytes(Path.Combine(staging, name), bytes);
}
