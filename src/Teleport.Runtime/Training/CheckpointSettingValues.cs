using System;
using Teleport.Optimizers;
using Teleport.Records;

namespace Teleport.Training;

/// <summary>
/// The optimizer settings in a checkpoint's <c>trainer.json</c> are values an optimizer can have: a checkpoint holds its
/// optimizer's resolved settings, which <see cref="OptimizerSettings.Resolve"/> validated as PyTorch does (the ranges below
/// are its), and every default is finite. A bad-input sweep wrote <c>"eps": "NaN"</c>: it was read, then reported as a
/// setting that differs from the command line's (exit 2), when it is a damaged file.
/// </summary>
internal static class CheckpointSettingValues
{
    /// <exception cref="Data.TeleportDataException">A value no optimizer has, named with its place (optimizer.settings.eps).</exception>
    public static void Check(FieldReader settings, OptimizerKind kind)
    {
        // What OptimizerSettings.Validate requires of each kind: finite and ≥ 0, or (betas) in [0, 1).
        NonNegative(settings, "lr", "weight_decay", "eps");
        switch (kind)
        {
            case OptimizerKind.Sgd or OptimizerKind.Momentum:
                NonNegative(settings, "momentum");
                break;
            case OptimizerKind.AdaGrad:
                NonNegative(settings, "lr_decay", "initial_accumulator_value");
                break;
            case OptimizerKind.RmsProp:
                NonNegative(settings, "momentum", "alpha");
                break;
            case OptimizerKind.Adam or OptimizerKind.AdamW:
                var betas = settings.Array("betas");
                for (var i = 0; i < betas.Count; i++)
                    if (betas[i].TryGetNumber(out var beta) && !(beta is >= 0 and < 1))
                        throw settings.Fail("betas", $"holds {RecordJson.Text(beta)}, not a number in [0, 1)");
                break;
        }
        // The rest are written as their finite defaults whatever the kind (or, dampening, validated finite).
        foreach (var (key, value) in settings.Fields)
            if (value.TryGetNumber(out var number) && !double.IsFinite(number))
                throw settings.Fail(key, $"is {RecordJson.Text(number)}, not a finite number");
    }

    private static void NonNegative(FieldReader settings, params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
            if (settings.NullableNumber(key) is { } value && !(double.IsFinite(value) && value >= 0))
                throw settings.Fail(key, $"is {RecordJson.Text(value)}, not a finite number ≥ 0");
    }
}
