using System;
using Teleport.Records;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Cli.Running;

/// <summary>
/// The settings that decide a run's numbers, by option name and as used (after <c>--paper</c> and the defaults):
/// the fields of the run record's configuration (<see cref="RunConfig"/>) that the trainer writes into every
/// checkpoint (<see cref="TrainerOptions.RunIdentity"/>), so that <c>--resume</c> continues only with the same
/// values and a run record never claims settings its numbers did not come from.
/// </summary>
/// <remarks>
/// Left out, because they do not change the numbers: where outputs go (<c>--out</c>, <c>--checkpoint</c>,
/// <c>--checkpoint-every</c>; <c>--report</c>, <c>--save-model</c> and <c>--stop-after-steps</c> are not in the
/// configuration) and the presets themselves (<c>--paper</c>, <c>--paper-protocol</c>: their values are here).
/// <c>--epochs</c> may grow on resume (the trainer refuses fewer), and <c>--data</c> is checked by content: the
/// trainer compares the data's fingerprints, so a moved copy of the same files resumes and another folder's
/// files do not. A baseline's teleport settings are unused, and a control arm's ascent settings.
/// </remarks>
internal static class RunIdentity
{
    /// <summary>Configuration keys that decide every run's numbers.</summary>
    private static readonly string[] Run =
        ["dataset", "model", "optimizer", "lr", "momentum", "batch_size", "seed", "split_seed", "shuffle", "limit_train", "limit_test", "teleport", "control"];

    /// <summary>… and those of a run with teleport points (a teleport or control arm).</summary>
    private static readonly string[] Schedule =
        ["teleport_epochs", "teleport_count", "teleport_every", "teleport_adaptive", "teleport_min_spacing", "teleport_max", "optimizer_state"];

    /// <summary>… and those of a run that teleports.</summary>
    private static readonly string[] Ascent =
        ["teleport_batch", "teleport_steps", "teleport_lr", "ascent", "symmetries", "teleport_cap", "teleport_lookahead", "teleport_method"];

    /// <summary>… and those of a run that teleports by the level-set method.</summary>
    private static readonly string[] LevelSet =
        ["level_set_steps", "level_set_rho", "level_set_line_search", "level_set_mode", "level_set_restorations"];

    /// <summary>… and that of a run that teleports by the null-space method.</summary>
    private static readonly string[] NullSpace = ["null_space_tau"];

    /// <summary>The identity of a run of <paramref name="arm"/> whose configuration is <paramref name="config"/>.</summary>
    public static RecordFields Of(RecordFields config, RunArm arm)
    {
        var identity = new RecordFields();
        Add(identity, config, Run);
        if (arm != RunArm.Baseline) Add(identity, config, Schedule);
        if (arm == RunArm.Teleport)
        {
            Add(identity, config, Ascent);
            // A method's own settings decide the numbers only with that method.
            var method = config["teleport_method"].String;
            if (method == Options.SettingsBinder.MethodName(TeleportMethod.LevelSet)) Add(identity, config, LevelSet);
            if (method == Options.SettingsBinder.MethodName(TeleportMethod.NullSpace)) Add(identity, config, NullSpace);
        }
        return identity;
    }

    /// <summary>The option a setting the trainer checks itself corresponds to (see <see cref="CheckpointMismatchException.Field"/>).</summary>
    public static string OptionOf(string field) => field switch
    {
        "batch_size" => "--batch-size",
        "seed" => "--seed",
        "order" => "--shuffle",
        "optimizer" => "--optimizer",
        "optimizer_settings.momentum" => "--momentum",
        "optimizer_settings.lr" => "--lr",
        "epochs" => "--epochs",
        "parameter_count" => "--model",
        "training_samples" or "training_data" or "test_data" => "--data",
        _ => field,
    };

    /// <summary>Whether <paramref name="key"/> is one an identity of some arm has (an option name).</summary>
    public static bool IsKnown(string key)
    {
        foreach (var keys in (ReadOnlySpan<string[]>)[Run, Schedule, Ascent, LevelSet, NullSpace])
            foreach (var name in keys)
                if (key == "--" + name.Replace('_', '-')) return true;
        return false;
    }

    private static void Add(RecordFields identity, RecordFields config, string[] keys)
    {
        // The configuration's keys are the option names in snake_case.
        foreach (var key in keys) identity.Add("--" + key.Replace('_', '-'), config[key]);
    }
}
