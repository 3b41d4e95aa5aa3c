using System.Collections.Generic;
using Teleport.Records;

namespace Teleport.Geometry.Experiments;

/// <summary>One run of the study: its seed, final losses and measures.</summary>
/// <param name="Index">0-based run index i.</param>
/// <param name="Seed">Its initialisation seed, (i + 1)·step.</param>
/// <param name="TrainLoss">Final mean loss on the whole training set.</param>
/// <param name="TestLoss">Final mean loss on the test set.</param>
/// <param name="TestAccuracy">Final test accuracy.</param>
/// <param name="Measures">Each measure of <see cref="CorrelationMeasures.All"/> by name, null when not computed.</param>
/// <param name="Details">How the measures came out (trace method, eigenvalue residual, …).</param>
public sealed record CorrelationRun(int Index, int Seed, double TrainLoss, double TestLoss, double TestAccuracy,
    IReadOnlyList<KeyValuePair<string, double?>> Measures, RecordFields Details)
{
    /// <summary>Test loss − training loss.</summary>
    public double GeneralizationGap => TestLoss - TrainLoss;

    /// <summary>A measure or target by name (null when not computed).</summary>
    public double? Value(string name)
    {
        switch (name)
        {
            case CorrelationMeasures.TestLoss: return TestLoss;
            case CorrelationMeasures.GeneralizationGap: return GeneralizationGap;
            case CorrelationMeasures.TrainLoss: return TrainLoss;
        }
        foreach (var (key, value) in Measures)
            if (key == name) return value;
        return null;
    }

    /// <summary>The run as record fields.</summary>
    public RecordFields ToFields()
    {
        var measures = new RecordFields();
        foreach (var (name, value) in Measures) measures.Add(name, RecordValue.FromNullable(value));
        return new RecordFields()
            .Add("index", Index)
            .Add("seed", Seed)
            .Add("train_loss", TrainLoss)
            .Add("test_loss", TestLoss)
            .Add("test_accuracy", TestAccuracy)
            .Add("generalization_gap", GeneralizationGap)
            .Add("measures", measures)
            .Add("details", Details);
    }
}
