using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Teleport.Data;
using Teleport.Geometry;
using Teleport.Geometry.Experiments;
using Teleport.Integration.Tests.Networks;
using Teleport.Records;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>The Table 1 machinery on a small network: runs, parts, merging, and sharded = unsharded to the byte.</summary>
public class CorrelationStudyTests
{
    private static readonly CorrelationStudyOptions Options = new()
    {
        Runs = 5,
        Epochs = 2,
        LearningRate = 0.05,
        HessianSamples = 40,
        SharpnessBatches = 3,
        Measures = new MeasureOptions
        {
            PhiGaussian = null,
            Phi = SharpnessOptions.Paper("fashion-mnist") with { Radii = [0.01, 0.1], BatchSize = 20 },
            Adaptive = SharpnessOptions.Adaptive with { BatchSize = 20 },
        },
        BootstrapResamples = 300,
    };

    private static CorrelationStudy Study()
    {
        var data = SyntheticClassification.Create(200, 80, 3, new SyntheticClassificationOptions { FeatureCount = 6, ClassCount = 4 });
        return new CorrelationStudy(Options, () => new DeepClassifier(), (m, seed) => ((DeepClassifier)m).InitializeParameters(seed), data.Train, data.Test);
    }

    private static RecordFields Config() => Options.Configuration(new RecordFields().Add("name", "synthetic"), new RecordFields().Add("name", "deep-classifier"));

    [Fact]
    public void ShardedPartsMergeIntoTheBytesOfOneProcess()
    {
        var study = Study();
        var whole = study.RunShard(CorrelationShard.Whole, Config())!;
        Assert.Equal(5, whole.Runs.Count);
        var single = CorrelationResult.Merge([(whole, "whole")]).ToUtf8Bytes();

        using var folder = new TempFolder();
        var paths = new List<string>();
        foreach (var shard in new[] { new CorrelationShard(2, 2), new CorrelationShard(1, 2) })
        {
            // A fresh study per process, as separate jobs would do.
            var part = Study().RunShard(shard, Config())!;
            var path = Path.Combine(folder.Path, $"part{shard.Index}.json");
            part.Write(path);
            paths.Add(path);
        }
        var parts = paths.ConvertAll(p => (CorrelationPart.Read(p), p));
        var merged = CorrelationResult.Merge(parts).ToUtf8Bytes();
        Assert.Equal(single, merged);

        var result = CorrelationResult.Merge(parts);
        Assert.Equal([0, 1, 2, 3, 4], result.Runs.Select(r => r.Index));
        Assert.Equal(54321 * 3, result.Runs[2].Seed);
        // DeepClassifier's ReLU layer has no S3, so ψ (both modes) is not computed: noted, no statistics; every other
        // measure × 2 targets has them.
        Assert.Equal((CorrelationMeasures.All.Count - 2) * 2, result.Statistics.Count);
        Assert.Contains(result.Notes, n => n.StartsWith("curvature_psi", StringComparison.Ordinal));
        var trace = result.Find(CorrelationMeasures.HessianTrace, CorrelationMeasures.TestLoss)!;
        Assert.Equal(5, trace.Pearson.Count);
        Assert.InRange(trace.Pearson.R, -1, 1);
        Assert.True(trace.PearsonInterval.Low <= trace.PearsonInterval.High);
    }

    [Fact]
    public void PsiIsMeasuredForANetworkWithS3OnEveryHiddenLayer()
    {
        var data = SyntheticClassification.Create(200, 80, 3, new SyntheticClassificationOptions { FeatureCount = 6, ClassCount = 4 });
        var study = new CorrelationStudy(Options, () => new CurvatureClassifier(), (m, seed) => ((CurvatureClassifier)m).InitializeParameters(seed), data.Train, data.Test);
        var result = CorrelationResult.Merge([(study.RunShard(CorrelationShard.Whole, Config())!, "whole")]);
        Assert.Equal(CorrelationMeasures.All.Count * 2, result.Statistics.Count);
        foreach (var run in result.Runs)
        {
            var psi = run.Measures.Single(v => v.Key == CorrelationMeasures.CurvaturePsi).Value;
            var exact = run.Measures.Single(v => v.Key == CorrelationMeasures.CurvaturePsiExact).Value;
            Assert.True(psi > 0 && exact > 0 && psi != exact, $"run {run.Index}: ψ {psi}, exact {exact}");
        }
    }

    [Fact]
    public void RunsAreIndependentOfEachOtherAndMeasureTheFinalWeights()
    {
        var study = Study();
        var a = study.Run(3)!;
        var b = Study().Run(3)!;
        Assert.Equal(a.ToFields(), b.ToFields());
        Assert.Equal(a.TestLoss - a.TrainLoss, a.GeneralizationGap);
        Assert.True(a.Value(CorrelationMeasures.HessianTrace) > 0);
        Assert.Null(a.Value(CorrelationMeasures.CurvaturePsi));
        // φ = its mean perturbed loss / the batch size 20, whose unperturbed part is the training loss level.
        Assert.Equal(a.Details["sharpness_phi_mean_perturbed_loss"].Number / 20, a.Value(CorrelationMeasures.SharpnessPhi)!.Value, 1e-15);
    }

    [Fact]
    public void MergeRejectsPartsThatDoNotFit()
    {
        using var folder = new TempFolder();
        var one = Study().RunShard(new CorrelationShard(1, 2), Config())!;
        var two = Study().RunShard(new CorrelationShard(2, 2), Config())!;
        var other = new CorrelationPart(new CorrelationStudyOptions { Runs = 5, Epochs = 3 }.Configuration(new RecordFields().Add("name", "synthetic"), new RecordFields().Add("name", "deep-classifier")), two.Shard, two.Runs);

        var e = Assert.Throws<TeleportDataException>(() => CorrelationResult.Merge([(one, "a.json")]));
        Assert.Contains("shard 2/2 is missing", e.Message);
        e = Assert.Throws<TeleportDataException>(() => CorrelationResult.Merge([(one, "a.json"), (one, "b.json")]));
        Assert.Contains("b.json: is shard 1/2, like a.json", e.Message);
        e = Assert.Throws<TeleportDataException>(() => CorrelationResult.Merge([(one, "a.json"), (one, "a.json")]));
        Assert.Contains("a.json: is given twice", e.Message); // it read "a.json: is shard 1/2, like a.json"
        e = Assert.Throws<TeleportDataException>(() => CorrelationResult.Merge([(one, "a.json"), (other, "c.json")]));
        Assert.Contains("c.json: its configuration differs from a.json's", e.Message);
        var truncated = two with { Runs = two.Runs.ToArray()[..1] };
        e = Assert.Throws<TeleportDataException>(() => CorrelationResult.Merge([(one, "a.json"), (truncated, "d.json")]));
        Assert.Contains("run 3 is missing", e.Message);

        var path = Path.Combine(folder.Path, "result.json");
        CorrelationResult.Merge([(one, "a"), (two, "b")]).Write(path);
        e = Assert.Throws<TeleportDataException>(() => CorrelationPart.Read(path));
        Assert.Contains("is a merged result, not a part", e.Message);
    }

    [Fact]
    public void ShardsSplitRunsRoundRobin()
    {
        Assert.Equal(new CorrelationShard(2, 3), CorrelationShard.Parse("2/3"));
        Assert.True(new CorrelationShard(2, 3).Contains(4));
        Assert.False(new CorrelationShard(2, 3).Contains(3));
        foreach (var bad in new[] { "3", "0/2", "3/2", "a/b", "1/0", "-1/2" })
            Assert.Throws<FormatException>(() => CorrelationShard.Parse(bad));
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("teleport-correlate-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
