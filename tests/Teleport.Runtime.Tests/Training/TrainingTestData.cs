using System;
using System.Runtime.InteropServices;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>Data sets, optimizers and comparisons shared by the trainer's tests.</summary>
internal static class TrainingTestData
{
    /// <summary>Fashion-MNIST-shaped synthetic classification (784 features, 10 classes).</summary>
    public static DatasetSplits Classification(int train, int test, int seed = 5) => SyntheticClassification.Create(train, test, seed);

    /// <summary>A small synthetic classification task (20 features, 4 classes) for fast tests.</summary>
    public static DatasetSplits SmallClassification(int train, int test, int seed = 5) =>
        SyntheticClassification.Create(train, test, seed, new SyntheticClassificationOptions { FeatureCount = 20, ClassCount = 4, Separation = 0.5, Noise = 0.5 });

    public static Optimizer<float> Adam(int parameterCount, double lr = 1e-2) =>
        OptimizerFactory.Create<float>(OptimizerKind.Adam, new OptimizerSettings { LearningRate = lr }, parameterCount);

    public static Optimizer<float> Sgd(int parameterCount, double lr) =>
        OptimizerFactory.Create<float>(OptimizerKind.Sgd, new OptimizerSettings { LearningRate = lr }, parameterCount);

    /// <summary>True when the two spans hold the same bits.</summary>
    public static bool BitEqual(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));

    /// <summary>Asserts two histories are equal in everything but times (also a teleport's "*_seconds" extra fields).</summary>
    public static void AssertSameNumbers(TrainingHistory expected, TrainingHistory actual)
    {
        Assert.Equal(expected.Epochs.Count, actual.Epochs.Count);
        for (var i = 0; i < expected.Epochs.Count; i++)
            Assert.Equal(expected.Epochs[i] with { WallSeconds = 0 }, actual.Epochs[i] with { WallSeconds = 0 });
        Assert.Equal(expected.Teleports.Count, actual.Teleports.Count);
        for (var i = 0; i < expected.Teleports.Count; i++)
            Assert.Equal(WithoutTimes(expected.Teleports[i]), WithoutTimes(actual.Teleports[i]));
        Assert.Equal(expected.LossTrace.Count, actual.LossTrace.Count);
        for (var i = 0; i < expected.LossTrace.Count; i++)
            Assert.Equal(expected.LossTrace[i] with { WallSeconds = 0 }, actual.LossTrace[i] with { WallSeconds = 0 });
    }

    private static TeleportEvent WithoutTimes(TeleportEvent e)
    {
        var extra = new RecordFields();
        foreach (var (key, value) in e.Extra)
            if (!key.EndsWith("_seconds", StringComparison.Ordinal)) extra.Add(key, value);
        return e with { Seconds = 0, Extra = extra };
    }

    /// <summary>The cross-entropy of logits row <paramref name="z"/> with label <paramref name="y"/>, in double.</summary>
    public static double CrossEntropy(ReadOnlySpan<float> z, int y)
    {
        double sum = 0;
        foreach (var v in z) sum += Math.Exp(v);
        return Math.Log(sum) - z[y];
    }

    /// <summary>An epoch record's extra field, for assertions.</summary>
    public static double ExtraNumber(EpochRecord record, string key) => record.Extra[key].Number;
}
