using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Integration.Tests.Networks;

namespace Teleport.Integration.Tests;

/// <summary>A recurrent test network: its float model and double twin (same parameters), a batch size and a step count.</summary>
public sealed record RecurrentCase(string Name, Func<(IRecurrentModel<float> Float, IRecurrentModel<double> Double)> Create, int Batch, int Steps)
{
    private static readonly RecurrentCase[] All =
    {
        new("LstmRegressor", () =>
        {
            var m = new LstmRegressor();
            m.InitializeParameters(3);
            return (m, m.ToFloat64());
        }, 3, 5),
        new("StackedLstmClassifier", () =>
        {
            var m = new StackedLstmClassifier();
            m.InitializeParameters(3);
            return (m, m.ToFloat64());
        }, 2, 4),
        new("BiasFreeLstm", () =>
        {
            var m = new BiasFreeLstm();
            m.InitializeParameters(3);
            return (m, m.ToFloat64());
        }, 4, 6),
        new("LstmOnly", () =>
        {
            var m = new LstmOnly();
            m.InitializeParameters(3);
            return (m, m.ToFloat64());
        }, 2, 5),
    };

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    /// <summary>Runs a window of every step of <paramref name="inputs"/> ([Steps, Batch, InputSize]) on <paramref name="model"/>, outputs to an array of its own.</summary>
    public void RunWindow(IRecurrentModel<double> model, double[] inputs)
    {
        var d = model.Info.InputSize;
        var outputs = new double[Batch * model.Info.OutputSize];
        model.BeginWindow(Batch, Steps);
        for (var t = 0; t < Steps; t++) model.Step(inputs.AsSpan(t * Batch * d, Batch * d), outputs);
    }

    public static RecurrentCase Get(string name) => All.Single(c => c.Name == name);

    /// <summary>A deterministic batch of sequences: steps·n samples laid out [steps, n, …].</summary>
    public Batch NewBatch(NetworkInfo info, int seed) => new(info, Steps * Batch, seed);
}
