using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Records;

namespace Teleport.Training;

/// <summary>
/// When a <see cref="TeleportCallback"/> teleports. The triggers combine (any one fires), and
/// <see cref="MaxTeleports"/> caps the total. A teleport happens at the start of a batch, before its
/// optimizer step.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>At epochs</b>: in every epoch listed in <see cref="Epochs"/>, each of its first
/// <see cref="CountPerEpoch"/> batches (the paper: 8 teleports at the start of one epoch).
/// <b>Epochs are 1-based</b>, as in run records and the command line's epoch lines: the paper code's
/// 0-based "epoch 2" (SGD, AdaGrad) is epoch 3 here, its "epoch 0" (momentum, RMSProp, Adam) epoch 1.</item>
/// <item><b>Every k steps</b> (<see cref="EverySteps"/>): before step k + 1, 2k + 1, … (after every k optimizer steps).</item>
/// <item><b>Adaptive</b> (<see cref="AdaptiveFraction"/> = f): when the previous step's mini-batch ‖∇L‖² fell
/// below f × the largest mini-batch ‖∇L‖² seen since the last teleport (or the start), and at least
/// <see cref="AdaptiveMinSpacing"/> steps have passed since the last teleport (or the start) — i.e. once
/// training has slowed down from its latest peak.</item>
/// </list>
/// </remarks>
public sealed record TeleportSchedule
{
    /// <summary>1-based epochs whose first <see cref="CountPerEpoch"/> batches teleport. Default none.</summary>
    public IReadOnlyList<int> Epochs { get; init; } = [];

    /// <summary>Teleports at the start of each epoch in <see cref="Epochs"/>, one per batch. Default 8 (the paper's).</summary>
    public int CountPerEpoch { get; init; } = 8;

    /// <summary>Teleport after every this many optimizer steps; 0 (the default) for never.</summary>
    public long EverySteps { get; init; }

    /// <summary>The adaptive trigger's fraction f in (0, 1); 0 (the default) for off.</summary>
    public double AdaptiveFraction { get; init; }

    /// <summary>Fewest optimizer steps between two adaptive teleports (and before the first). Default 100.</summary>
    public long AdaptiveMinSpacing { get; init; } = 100;

    /// <summary>Most teleports in the whole run (all triggers together). Default unlimited.</summary>
    public int MaxTeleports { get; init; } = int.MaxValue;

    /// <summary>True when no trigger is set: the schedule never fires.</summary>
    public bool IsEmpty => (Epochs.Count == 0 || CountPerEpoch == 0) && EverySteps == 0 && AdaptiveFraction == 0;

    /// <summary>The paper's schedule: <paramref name="count"/> teleports at the start of 1-based epoch <paramref name="epoch"/>.</summary>
    public static TeleportSchedule AtEpoch(int epoch, int count = 8) => new() { Epochs = [epoch], CountPerEpoch = count };

    /// <summary>The schedule as record fields (for a run record's configuration).</summary>
    public RecordFields Describe()
    {
        var epochs = new List<double>(Epochs.Count);
        foreach (var e in Epochs) epochs.Add(e);
        return new RecordFields()
            .Add("epochs", RecordValue.FromNumbers(epochs))
            .Add("count_per_epoch", CountPerEpoch)
            .Add("every_steps", EverySteps)
            .Add("adaptive_fraction", AdaptiveFraction)
            .Add("adaptive_min_spacing", AdaptiveMinSpacing)
            .Add("max_teleports", MaxTeleports == int.MaxValue ? RecordValue.Null : MaxTeleports);
    }

    /// <summary>Checks every value; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Epochs);
        foreach (var e in Epochs)
            if (e < 1) throw Bad(nameof(Epochs), $"holds {e}; epochs are 1-based");
        if (CountPerEpoch < 0) throw Bad(nameof(CountPerEpoch), $"is {CountPerEpoch}; it must be ≥ 0");
        if (EverySteps < 0) throw Bad(nameof(EverySteps), $"is {EverySteps}; it must be ≥ 0");
        if (!(AdaptiveFraction >= 0 && AdaptiveFraction < 1)) throw Bad(nameof(AdaptiveFraction), $"is {AdaptiveFraction}; it must be in [0, 1)");
        if (AdaptiveMinSpacing < 1) throw Bad(nameof(AdaptiveMinSpacing), $"is {AdaptiveMinSpacing}; it must be ≥ 1");
        if (MaxTeleports < 0) throw Bad(nameof(MaxTeleports), $"is {MaxTeleports}; it must be ≥ 0");
    }

    /// <summary>Which trigger fires before the current batch's step, or null; <paramref name="state"/> holds the adaptive statistics and the count.</summary>
    internal TeleportTrigger? Due(TrainingContext context, TeleportScheduleState state)
    {
        if (state.Total >= MaxTeleports) return null;
        if (CountPerEpoch > 0 && context.BatchIndex < CountPerEpoch && Contains(Epochs, context.Epoch)) return TeleportTrigger.Epoch;
        if (EverySteps > 0 && context.GlobalStep > 0 && context.GlobalStep % EverySteps == 0) return TeleportTrigger.Every;
        if (AdaptiveFraction > 0 && state.HasLastGradNorm
            && context.GlobalStep - state.LastTeleportStep >= AdaptiveMinSpacing
            && state.LastGradNormSquared < AdaptiveFraction * state.MaxGradNormSquared)
            return TeleportTrigger.Adaptive;
        return null;
    }

    private static bool Contains(IReadOnlyList<int> list, int value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return true;
        return false;
    }

    private static ArgumentException Bad(string name, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"TeleportSchedule.{name} {problem}."), name);
}
