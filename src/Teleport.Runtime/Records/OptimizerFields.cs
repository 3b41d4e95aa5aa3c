using System;
using Teleport.Optimizers;

namespace Teleport.Records;

/// <summary>
/// An optimizer's kind and hyperparameters as record fields with PyTorch's names, for a run record's
/// configuration and for checkpoints:
/// <c>{"kind": "adam", "lr": 0.001, "weight_decay": 0, "momentum": 0, "dampening": 0, "nesterov": false,
/// "maximize": false, "lr_decay": 0, "initial_accumulator_value": 0, "eps": 1e-08, "alpha": 0.99,
/// "centered": false, "betas": [0.9, 0.999], "amsgrad": false}</c>. Numbers read back bit-exact.
/// </summary>
public static class OptimizerFields
{
    /// <summary>The fields of <paramref name="kind"/> with <paramref name="settings"/> (unset values are null).</summary>
    public static RecordFields Describe(OptimizerKind kind, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RecordFields()
            .Add("kind", KindName(kind))
            .Add("lr", RecordValue.FromNullable(settings.LearningRate))
            .Add("weight_decay", RecordValue.FromNullable(settings.WeightDecay))
            .Add("momentum", RecordValue.FromNullable(settings.Momentum))
            .Add("dampening", settings.Dampening)
            .Add("nesterov", settings.Nesterov)
            .Add("maximize", settings.Maximize)
            .Add("lr_decay", settings.LearningRateDecay)
            .Add("initial_accumulator_value", settings.InitialAccumulatorValue)
            .Add("eps", RecordValue.FromNullable(settings.Epsilon))
            .Add("alpha", settings.Alpha)
            .Add("centered", settings.Centered)
            .Add("betas", RecordValue.FromNumbers([settings.Beta1, settings.Beta2]))
            .Add("amsgrad", settings.AmsGrad);
    }

    /// <summary>The fields of an optimizer as it is now (kind and resolved settings, with the current learning rate).</summary>
    public static RecordFields Describe<T>(Optimizer<T> optimizer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return Describe(optimizer.Kind, optimizer.Settings);
    }

    /// <summary>The command-line name of <paramref name="kind"/>: sgd, momentum, adagrad, rmsprop, adam, adamw.</summary>
    public static string KindName(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => "sgd",
        OptimizerKind.Momentum => "momentum",
        OptimizerKind.AdaGrad => "adagrad",
        OptimizerKind.RmsProp => "rmsprop",
        OptimizerKind.Adam => "adam",
        OptimizerKind.AdamW => "adamw",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer kind."),
    };

    /// <summary>The kind called <paramref name="name"/> (as <see cref="KindName"/> writes it), if any.</summary>
    public static bool TryParseKind(string name, out OptimizerKind kind)
    {
        foreach (var candidate in Enum.GetValues<OptimizerKind>())
        {
            if (KindName(candidate) == name)
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>Reads fields written by <see cref="Describe(OptimizerKind, OptimizerSettings)"/>.</summary>
    /// <exception cref="Teleport.Data.TeleportDataException">A field is missing or of the wrong type; the message names it.</exception>
    public static (OptimizerKind Kind, OptimizerSettings Settings) Parse(RecordFields fields, string source, string place = "optimizer")
    {
        ArgumentNullException.ThrowIfNull(fields);
        var r = new FieldReader(RecordValue.FromFields(fields), source, place);
        var name = r.String("kind");
        if (!TryParseKind(name, out var kind))
            throw r.Fail("kind", $"is \"{name}\", not an optimizer kind");
        var betas = r.Array("betas");
        if (betas.Count != 2 || !betas[0].TryGetNumber(out var beta1) || !betas[1].TryGetNumber(out var beta2))
            throw r.Fail("betas", "is not an array of two numbers");
        var settings = new OptimizerSettings
        {
            LearningRate = r.NullableNumber("lr"),
            WeightDecay = r.NullableNumber("weight_decay"),
            Momentum = r.NullableNumber("momentum"),
            Dampening = r.Number("dampening"),
            Nesterov = r.Boolean("nesterov"),
            Maximize = r.Boolean("maximize"),
            LearningRateDecay = r.Number("lr_decay"),
            InitialAccumulatorValue = r.Number("initial_accumulator_value"),
            Epsilon = r.NullableNumber("eps"),
            Alpha = r.Number("alpha"),
            Centered = r.Boolean("centered"),
            Beta1 = beta1,
            Beta2 = beta2,
            AmsGrad = r.Boolean("amsgrad"),
        };
        return (kind, settings);
    }
}
