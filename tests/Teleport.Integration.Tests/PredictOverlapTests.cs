using System;

namespace Teleport.Integration.Tests;

/// <summary>
/// Predict with an outputs span that overlaps its inputs span is refused by the generated member itself, for every depth
/// and layer kind (dense, convolutional, recurrent): the error names Predict's own parameter (outputs) and says it
/// overlaps inputs. Before, a one-layer network failed in its matrix kernel's check, naming the kernel's parameter
/// (c), and a deeper one ran. Spans side by side in one array are not an overlap and still predict.
/// </summary>
public class PredictOverlapTests
{
    private static void AssertOverlapRefused(ArgumentException error) => OverlapAssert.Refused(error, "outputs", "inputs");

    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void OverlappingOutputsAreRefusedByPredict(string name)
    {
        var c = NetworkCase.Get(name);
        var (f, d) = c.Create();
        var inputLength = c.Batch * d.Info.InputSize;
        var outputLength = c.Batch * d.Info.OutputSize;
        var batch = new Batch(d.Info, c.Batch, seed: 41);
        // outputs share the last input value, and, second, start where inputs start
        var tail = new double[inputLength + outputLength - 1];
        batch.Inputs.CopyTo(tail, 0);
        AssertOverlapRefused(Assert.Throws<ArgumentException>(
            () => d.Predict(tail.AsSpan(0, inputLength), tail.AsSpan(inputLength - 1, outputLength))));
        var head = new float[Math.Max(inputLength, outputLength)];
        AssertOverlapRefused(Assert.Throws<ArgumentException>(
            () => f.Predict(head.AsSpan(0, inputLength), head.AsSpan(0, outputLength))));
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void AdjacentSpansInOneArrayStillPredict(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var inputLength = c.Batch * d.Info.InputSize;
        var outputLength = c.Batch * d.Info.OutputSize;
        var batch = new Batch(d.Info, c.Batch, seed: 42);
        var expected = new double[outputLength];
        d.Predict(batch.Inputs, expected);
        var shared = new double[inputLength + outputLength];
        batch.Inputs.CopyTo(shared, 0);
        d.Predict(shared.AsSpan(0, inputLength), shared.AsSpan(inputLength));
        Assert.Equal(expected, shared[inputLength..]);
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void OverlappingOutputsAreRefusedByRecurrentPredict(string name)
    {
        var c = RecurrentCase.Get(name);
        var (f, d) = c.Create();
        var inputLength = c.Steps * c.Batch * d.Info.InputSize;
        var outputLength = c.Steps * c.Batch * d.Info.OutputSize;
        var batch = c.NewBatch(d.Info, seed: 43);
        var tail = new double[inputLength + outputLength - 1];
        batch.Inputs.CopyTo(tail, 0);
        AssertOverlapRefused(Assert.Throws<ArgumentException>(
            () => d.Predict(tail.AsSpan(0, inputLength), tail.AsSpan(inputLength - 1, outputLength), c.Steps)));
        var head = new float[Math.Max(inputLength, outputLength)];
        AssertOverlapRefused(Assert.Throws<ArgumentException>(
            () => f.Predict(head.AsSpan(0, inputLength), head.AsSpan(0, outputLength), c.Steps)));
    }
}
