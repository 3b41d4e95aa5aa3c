using System;
using Teleport.Geometry;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>The exact and estimated Hessian traces against the full Hessian of small generated networks (double).</summary>
public class HessianTraceTests
{
    public static TheoryData<string> Networks() => new() { "TanhSigmoidRegressor", "DeepClassifier", "NeuripsRegression", "SiluGeluRegressor", "LogisticRegression", "CustomFormulas" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void ExactTraceIsTheSumOfTheFullHessiansDiagonal(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, 13, seed: 21);
        var full = DenseHessian.FromProducts(model, batch.Inputs, batch.TargetsD);
        var p = model.Parameters.Length;
        double expected = 0;
        for (var i = 0; i < p; i++) expected += full[i * p + i];

        var trace = new HessianTrace<double>(model);
        var blocks = trace.Exact(batch.Inputs, batch.TargetsD);
        Assert.Equal(TraceMethod.ExactFirstLayerBlocks, blocks.Method);
        Assert.Equal(0, blocks.StandardError);
        Assert.True(Math.Abs(blocks.Trace - expected) <= 1e-11 * Math.Max(1, Math.Abs(expected)), $"{name}: blocks {blocks.Trace} vs {expected}");

        // Per tensor: each block's trace is its share of the diagonal.
        var info = model.Info;
        for (var t = 0; t < info.Tensors.Count; t++)
        {
            double block = 0;
            for (var i = info.Tensors[t].Offset; i < info.Tensors[t].Offset + info.Tensors[t].Length; i++) block += full[i * p + i];
            Assert.True(Math.Abs(trace.TensorTraces[t] - block) <= 1e-11 * Math.Max(1, Math.Abs(block)), $"{name} {info.Tensors[t].Name}: {trace.TensorTraces[t]} vs {block}");
        }

        var perParameter = trace.Exact(batch.Inputs, batch.TargetsD, useFirstLayerBlocks: false);
        Assert.Equal(TraceMethod.ExactPerParameter, perParameter.Method);
        Assert.Equal(p, perParameter.Probes);
        Assert.True(Math.Abs(perParameter.Trace - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)));
    }

    [Theory]
    [InlineData("TanhSigmoidRegressor")]
    [InlineData("DeepClassifier")]
    [InlineData("SiluGeluRegressor")]
    public void ExactTraceMatchesDifferencesOfTheGradient(string name)
    {
        // Independent of the HVP: the diagonal from central differences of the generated gradient (smooth networks).
        var c = NetworkCase.Get(name);
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, 9, seed: 22);
        var diagonal = DenseHessian.DiagonalByDifferences(model, batch.Inputs, batch.TargetsD, 1e-5);
        double expected = 0;
        foreach (var h in diagonal) expected += h;
        var exact = new HessianTrace<double>(model).Exact(batch.Inputs, batch.TargetsD);
        Assert.True(Math.Abs(exact.Trace - expected) <= 1e-7 * Math.Max(1, Math.Abs(expected)), $"{name}: {exact.Trace} vs differences {expected}");
    }

    [Fact]
    public void ChunkedSamplesGiveTheSameTrace()
    {
        // 37 samples in chunks of 5 (the last one short) is the same Hessian as one call on all 37.
        var c = NetworkCase.Get("DeepClassifier");
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, 37, seed: 23);
        var whole = new HessianTrace<double>(model).Exact(batch.Inputs, batch.TargetsD, useFirstLayerBlocks: false).Trace;
        var chunked = new HessianTrace<double>(model, chunkSize: 5).Exact(batch.Inputs, batch.TargetsD, useFirstLayerBlocks: false).Trace;
        var blocks = new HessianTrace<double>(model, chunkSize: 5).Exact(batch.Inputs, batch.TargetsD).Trace;
        Assert.True(Math.Abs(whole - chunked) <= 1e-12 * Math.Abs(whole), $"{whole} vs {chunked}");
        Assert.True(Math.Abs(whole - blocks) <= 1e-12 * Math.Abs(whole), $"{whole} vs {blocks}");
    }

    [Theory]
    [InlineData("DeepClassifier")]
    [InlineData("NeuripsRegression")]
    public void HutchinsonIsUnbiasedWithAnHonestStandardError(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, 11, seed: 24);
        var trace = new HessianTrace<double>(model);
        var exact = trace.Exact(batch.Inputs, batch.TargetsD).Trace;
        var full = DenseHessian.FromProducts(model, batch.Inputs, batch.TargetsD);
        var p = model.Parameters.Length;
        // Var(zᵀHz) = 2 Σ_{i≠j} H_ij² for Rademacher z.
        double offDiagonal = 0;
        for (var i = 0; i < p; i++)
            for (var j = 0; j < p; j++)
                if (i != j) offDiagonal += full[i * p + j] * full[i * p + j];
        const int probes = 400;
        var predictedError = Math.Sqrt(2 * offDiagonal / probes);
        var estimate = trace.Hutchinson(batch.Inputs, batch.TargetsD, probes, seed: 5);
        Assert.Equal(TraceMethod.Hutchinson, estimate.Method);
        Assert.InRange(estimate.StandardError, 0.8 * predictedError, 1.25 * predictedError);
        Assert.True(Math.Abs(estimate.Trace - exact) <= 4 * estimate.StandardError, $"{name}: {estimate.Trace} ± {estimate.StandardError} vs {exact}");
        // Deterministic per seed; another seed gives other probes.
        Assert.Equal(estimate, trace.Hutchinson(batch.Inputs, batch.TargetsD, probes, seed: 5));
        Assert.NotEqual(estimate.Trace, trace.Hutchinson(batch.Inputs, batch.TargetsD, probes, seed: 6).Trace);
    }

    [Fact]
    public void RademacherProbesAreSignsReproducibleOneByOne()
    {
        var a = new double[130];
        var b = new double[130];
        HessianTrace<double>.RademacherProbe(9, 3, a);
        HessianTrace<double>.RademacherProbe(9, 3, b);
        Assert.Equal(a, b);
        var plus = 0;
        foreach (var x in a)
        {
            Assert.True(x is 1 or -1);
            if (x > 0) plus++;
        }
        Assert.InRange(plus, 40, 90);
        HessianTrace<double>.RademacherProbe(9, 4, b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void FloatTraceAgreesWithDouble()
    {
        var c = NetworkCase.Get("PaperMlp");
        var (f, d) = c.Create();
        var batch = new Batch(d.Info, 12, seed: 25);
        var traceD = new HessianTrace<double>(d).Exact(batch.Inputs, batch.TargetsD).Trace;
        var traceF = new HessianTrace<float>(f).Exact(batch.InputsF, batch.TargetsF).Trace;
        Assert.True(Math.Abs(traceF - traceD) <= 1e-4 * Math.Abs(traceD), $"{traceF} vs {traceD}");
    }
}
