using System;
using System.Globalization;
using Teleport.Data;
using Teleport.Records;

namespace Teleport.Cli.Reports;

/// <summary>
/// The settings report.md's first lines state — "200 training and 100 test samples, sgd with learning rate 0.01, 3 epochs
/// of batches of 20, seed 1", and for a teleporting run its steps, η, batch and look-ahead — must be values the options
/// allow (<c>Options/RunOptions.cs</c>), and the epochs at least those the record holds: a bad-input sweep rendered "-2 epochs"
/// and "learning rate -5" from an edited config beside a record of 2 epochs trained at 0.01. A setting that is absent or
/// not a number is left to the report, which shows "?".
/// </summary>
internal static class ReportConfigValues
{
    /// <exception cref="TeleportDataException">The first setting no run writes, with its place.</exception>
    public static void Check(ReportInput input, string path)
    {
        foreach (var arm in input.Arms)
        {
            var at = input.Compare is not null ? arm.Name + ".config." : "config.";
            var config = arm.Run.Config;
            Whole(path, at, config, "data_used.train_samples", 1);
            Whole(path, at, config, "data_used.test_samples", 0);
            Positive(path, at, config, "lr");
            Whole(path, at, config, "epochs", 1);
            Whole(path, at, config, "batch_size", 1);
            Whole(path, at, config, "seed", int.MinValue);
            // Fewer epochs than the setting are what a run stopped early writes; more, no run trains.
            if (ReportInput.ConfigNumber(config, "epochs") is { } epochs && epochs < arm.Run.Epochs.Count)
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"\"{at}epochs\" is {epochs}, but the record holds {arm.Run.Epochs.Count} epochs: a run trains no more epochs than it is set to, so the file was edited"));
            if (ReportInput.ConfigText(config, "teleport") != "gradnorm") continue;
            Whole(path, at, config, "teleport_steps", 0);
            Positive(path, at, config, "teleport_lr");
            Whole(path, at, config, "teleport_batch", 1);
            Whole(path, at, config, "teleport_lookahead", 0);
            // The schedule the teleport line states ("8 at the start of epoch 1; every 7 steps"): an edited
            // teleport_epochs of 1e30 was rendered "at the start of epoch 1E+30".
            Whole(path, at, config, "teleport_count", 0);
            Whole(path, at, config, "teleport_every", 0);
            Whole(path, at, config, "teleport_max", 0);
            if (ReportInput.ConfigNumber(config, "teleport_adaptive") is { } adaptive && !(adaptive is >= 0 and < 1))
                throw Refused(path, at + "teleport_adaptive", adaptive, "not a number in [0, 1)");
            TeleportEpochs(path, at, config);
        }
    }

    /// <summary>Refuses a teleport epoch that is not a whole number from 1 to the run's <c>epochs</c> (or a duplicate, which no option takes).</summary>
    private static void TeleportEpochs(string path, string at, RecordFields config)
    {
        if (!config.TryGetValue("teleport_epochs", out var list) || list.Kind != RecordValueKind.Array) return;
        var epochs = ReportInput.ConfigNumber(config, "epochs") ?? int.MaxValue;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            var place = string.Create(CultureInfo.InvariantCulture, $"{at}teleport_epochs[{i}]");
            if (item.Kind != RecordValueKind.Number)
                throw new TeleportDataException(path, $"\"{place}\" is not a number: a teleport epoch is a whole number ≥ 1 (an edited file?)");
            var e = item.Number;
            if (!(e >= 1 && e <= epochs && Math.Floor(e) == e))
                throw Refused(path, place, e, string.Create(CultureInfo.InvariantCulture, $"not a whole number from 1 to the run's {epochs} epochs"));
            for (var j = 0; j < i; j++)
                if (list.Items[j].Kind == RecordValueKind.Number && list.Items[j].Number == e)
                    throw Refused(path, place, e, "an epoch given twice");
        }
    }

    /// <summary>Refuses a number at <paramref name="key"/> that is not a whole number from <paramref name="least"/> to <see cref="int.MaxValue"/> (the options' type).</summary>
    private static void Whole(string path, string at, RecordFields config, string key, int least)
    {
        if (ReportInput.ConfigNumber(config, key) is { } v && !(v >= least && v <= int.MaxValue && Math.Floor(v) == v))
            throw Refused(path, at + key, v, least == int.MinValue ? "not a whole number" : string.Create(CultureInfo.InvariantCulture, $"not a whole number ≥ {least}"));
    }

    /// <summary>Refuses a number at <paramref name="key"/> that is not finite and &gt; 0 (a learning rate, η).</summary>
    private static void Positive(string path, string at, RecordFields config, string key)
    {
        if (ReportInput.ConfigNumber(config, key) is { } v && !(double.IsFinite(v) && v > 0))
            throw Refused(path, at + key, v, "not a finite number > 0");
    }

    private static TeleportDataException Refused(string path, string place, double value, string what) =>
        new(path, $"\"{place}\" is {RecordJson.Text(value)}, {what}: no option takes it, and report.md would state it as the run's setting (an edited file?)");
}
