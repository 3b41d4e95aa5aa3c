using System.Collections.Generic;
using System.IO;
using System.Linq;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Data;
using Teleport.Serialization;
using Teleport.Testing;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// A checkpoint's optimizer state with a value no step produces (found by a bad-input sweep: NaN in exp_avg, a negative
/// exp_avg_sq) was loaded, made the first step NaN, and was reported as a divergence that blamed the learning rate.
/// A trainer that stops on divergence now refuses it on reading, naming the file, the buffer and the index.
/// </summary>
public sealed class OptimizerStateValuesTests
{
    [Theory]
    [InlineData("exp_avg", 3, float.NaN, "buffer \"exp_avg\" holds NaN at index 3, which no step of a run that stops on divergence produces (finite)")]
    [InlineData("exp_avg_sq", 5, -1f, "buffer \"exp_avg_sq\" holds -1 at index 5, which no step of a run that stops on divergence produces (a sum or average of squares: finite and ≥ 0)")]
    [InlineData("exp_avg_sq", 0, float.PositiveInfinity, "buffer \"exp_avg_sq\" holds Infinity at index 0")]
    public void AResumeFromAnImpossibleOptimizerStateNamesTheFileAndTheValue(string buffer, int index, float value, string expected)
    {
        using var dir = new TempDirectory();
        var (data, options) = Damaged(dir, buffer, index, value, stopOnDivergence: true);
        CorruptFileTests.AssertResumeRefused(data, options, Checkpoints.OptimizerFileName, expected);
    }

    [Fact]
    public void ATrainerThatDoesNotStopOnDivergenceResumesFromItAsWritten()
    {
        // Such a run may have written non-finite state itself.
        using var dir = new TempDirectory();
        var (data, options) = Damaged(dir, "exp_avg", 3, float.NaN, stopOnDivergence: false);
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
    }

    /// <summary>A checkpoint in the second epoch whose optimizer buffer <paramref name="buffer"/> holds <paramref name="value"/> at <paramref name="index"/>, with the file's digest recorded.</summary>
    private static (DatasetSplits Data, TrainerOptions Options) Damaged(TempDirectory dir, string buffer, int index, float value, bool stopOnDivergence)
    {
        var (data, options, checkpoint) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence);
        var path = Path.Combine(checkpoint, Checkpoints.OptimizerFileName);
        var tensors = SafeTensors.Read(path).Tensors.Select(t =>
        {
            var values = t.ToSingleArray();
            if (t.Name == buffer) values[index] = value;
            return SafeTensor.FromSingle(t.Name, t.Shape.ToArray(), values);
        }).ToList();
        SafeTensors.Write(path, tensors);
        // As if the run had written these values itself: trainer.json records the file's new digest, SHA256SUMS every file's.
        var state = Path.Combine(checkpoint, Checkpoints.StateFileName);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(state))!;
        json["files_sha256"]![Checkpoints.OptimizerFileName] = Checkpoints.Sha256(path);
        File.WriteAllText(state, json.ToJsonString());
        CheckpointSumsFile.Reseal(checkpoint);
        return (data, options);
    }

    [Fact]
    public void NegativeZeroAndFiniteValuesAreStatesAStepProduces()
    {
        var state = new OptimizerState<float>
        {
            Kind = OptimizerKind.Adam,
            ParameterCount = 3,
            StepCount = 1,
            Settings = new OptimizerSettings { LearningRate = 1e-3 },
            Buffers = new Dictionary<string, float[]> { ["exp_avg"] = [-1f, 0f, 2f], ["exp_avg_sq"] = [-0f, 0f, 3e38f] },
        };
        Assert.Null(OptimizerStateValues.FindImpossible(state));
    }
}
