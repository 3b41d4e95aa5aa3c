using System;

namespace Teleport.Integration.Tests;

/// <summary>
/// The window members refuse spans that overlap, as Predict does, naming their own parameter: Step's outputs must not
/// overlap its inputs, and WindowGradient's and WindowVjp's outputCotangents, gradient and inputCotangents must not
/// overlap one another (the reverse loop reads δY_t at every step while it accumulates into gradient and writes δX_t).
/// Before, all of them ran. Spans side by side in one array are not an overlap and give the same values as separate
/// arrays. A refused Step records nothing.
/// </summary>
public class RecurrentWindowOverlapTests
{

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void OverlappingStepOutputsAreRefused(string name)
    {
        var c = RecurrentCase.Get(name);
        var (f, d) = c.Create();
        var inputLength = c.Batch * d.Info.InputSize;
        var outputLength = c.Batch * d.Info.OutputSize;
        var batch = c.NewBatch(d.Info, seed: 51);
        // outputs share the last input value, and, second, start where inputs start
        var tail = new double[inputLength + outputLength - 1];
        batch.Inputs.AsSpan(0, inputLength).CopyTo(tail);
        d.BeginWindow(c.Batch, c.Steps);
        OverlapAssert.Refused(Assert.Throws<ArgumentException>(
            () => d.Step(tail.AsSpan(0, inputLength), tail.AsSpan(inputLength - 1, outputLength))), "outputs", "inputs");
        Assert.Equal(0, d.WindowSteps);
        var head = new float[Math.Max(inputLength, outputLength)];
        f.BeginWindow(c.Batch, c.Steps);
        OverlapAssert.Refused(Assert.Throws<ArgumentException>(
            () => f.Step(head.AsSpan(0, inputLength), head.AsSpan(0, outputLength))), "outputs", "inputs");
        Assert.Equal(0, f.WindowSteps);
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void AdjacentStepSpansInOneArrayStillStep(string name)
    {
        var c = RecurrentCase.Get(name);
        var (_, d) = c.Create();
        var inputLength = c.Batch * d.Info.InputSize;
        var outputLength = c.Batch * d.Info.OutputSize;
        var batch = c.NewBatch(d.Info, seed: 52);
        var expected = new double[outputLength];
        d.BeginWindow(c.Batch, 1);
        d.Step(batch.Inputs.AsSpan(0, inputLength), expected);
        var shared = new double[inputLength + outputLength];
        batch.Inputs.AsSpan(0, inputLength).CopyTo(shared);
        d.BeginWindow(c.Batch, 1);
        d.Step(shared.AsSpan(0, inputLength), shared.AsSpan(inputLength));
        Assert.Equal(expected, shared[inputLength..]);
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void OverlappingWindowGradientSpansAreRefused(string name)
    {
        var c = RecurrentCase.Get(name);
        var (_, d) = c.Create();
        var batch = c.NewBatch(d.Info, seed: 53);
        c.RunWindow(d, batch.Inputs);
        var cotangentLength = c.Steps * c.Batch * d.Info.OutputSize;
        var p = d.Info.ParameterCount;
        var cotangents = Batch.Direction(cotangentLength, seed: 54);
        // gradient shares the last cotangent value, and, second, starts where the cotangents start
        var tail = new double[cotangentLength + p - 1];
        cotangents.CopyTo(tail, 0);
        OverlapAssert.Refused(Assert.Throws<ArgumentException>(
            () => d.WindowGradient(tail.AsSpan(0, cotangentLength), tail.AsSpan(cotangentLength - 1, p))), "gradient", "outputCotangents");
        var head = new double[Math.Max(cotangentLength, p)];
        cotangents.CopyTo(head, 0);
        OverlapAssert.Refused(Assert.Throws<ArgumentException>(
            () => d.WindowGradient(head.AsSpan(0, cotangentLength), head.AsSpan(0, p))), "gradient", "outputCotangents");
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void OverlappingWindowVjpSpansAreRefused(string name)
    {
        var c = RecurrentCase.Get(name);
        var (_, d) = c.Create();
        var batch = c.NewBatch(d.Info, seed: 55);
        c.RunWindow(d, batch.Inputs);
        var cotangentLength = c.Steps * c.Batch * d.Info.OutputSize;
        var inputLength = c.Steps * c.Batch * d.Info.InputSize;
        var p = d.Info.ParameterCount;
        var cotangents = Batch.Direction(cotangentLength, seed: 56);
        var gradient = new double[p];
        var inputCotangents = new double[inputLength];

        var shared = new double[cotangentLength + p - 1];
        cotangents.CopyTo(shared, 0);
        OverlapAssert.Refused(Assert.Throws<ArgumentException>(() => d.WindowVjp(
            shared.AsSpan(0, cotangentLength), shared.AsSpan(cotangentLength - 1, p), inputCotangents)), "gradient", "outputCotangents");

        shared = new double[cotangentLength + inputLength - 1];
        cotangents.CopyTo(shared, 0);
        OverlapAssert.Refused(Assert.Throws<ArgumentException>(() => d.WindowVjp(
            shared.AsSpan(0, cotangentLength), gradient, shared.AsSpan(cotangentLength - 1, inputLength))), "inputCotangents", "outputCotangents");

        shared = new double[Math.Max(p, inputLength)];
        OverlapAssert.Refused(Assert.Throws<ArgumentException>(() => d.WindowVjp(
            cotangents, shared.AsSpan(0, p), shared.AsSpan(0, inputLength))), "inputCotangents", "gradient");
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void AdjacentWindowSpansInOneArrayStillWork(string name)
    {
        var c = RecurrentCase.Get(name);
        var (_, d) = c.Create();
        var batch = c.NewBatch(d.Info, seed: 57);
        c.RunWindow(d, batch.Inputs);
        var cotangentLength = c.Steps * c.Batch * d.Info.OutputSize;
        var inputLength = c.Steps * c.Batch * d.Info.InputSize;
        var p = d.Info.ParameterCount;
        var cotangents = Batch.Direction(cotangentLength, seed: 58);
        var gradient = new double[p];
        var inputCotangents = new double[inputLength];
        d.WindowVjp(cotangents, gradient, inputCotangents);
        var windowGradient = new double[p];
        d.WindowGradient(cotangents, windowGradient);

        // [outputCotangents | gradient | inputCotangents] side by side in one array
        var shared = new double[cotangentLength + p + inputLength];
        cotangents.CopyTo(shared, 0);
        d.WindowVjp(shared.AsSpan(0, cotangentLength), shared.AsSpan(cotangentLength, p), shared.AsSpan(cotangentLength + p));
        Assert.Equal(gradient, shared[cotangentLength..(cotangentLength + p)]);
        Assert.Equal(inputCotangents, shared[(cotangentLength + p)..]);
        shared.AsSpan(cotangentLength).Clear();
        d.WindowGradient(shared.AsSpan(0, cotangentLength), shared.AsSpan(cotangentLength, p));
        Assert.Equal(windowGradient, shared[cotangentLength..(cotangentLength + p)]);
    }
}
