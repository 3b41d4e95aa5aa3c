using System;
using Teleport.Integration.Tests.Networks;

namespace Teleport.Integration.Tests;

/// <summary>A generated network with deterministic parameters and a deterministic batch, in both precisions.</summary>
public sealed class NetworkCase
{
    private NetworkCase(string name, Func<(IDifferentiableModel<float> F, IDifferentiableModel<double> D)> create, int batch, bool piecewiseLinear)
    {
        Name = name;
        Create = create;
        Batch = batch;
        PiecewiseLinear = piecewiseLinear;
    }

    public string Name { get; }
    public Func<(IDifferentiableModel<float> F, IDifferentiableModel<double> D)> Create { get; }
    public int Batch { get; }

    /// <summary>Piecewise-linear networks are exact within a linear region: a smaller FD step avoids kinks.</summary>
    public bool PiecewiseLinear { get; }

    public override string ToString() => Name;

    private static (IDifferentiableModel<float>, IDifferentiableModel<double>) Pair<TFloat, TDouble>(TFloat model, Func<TFloat, TDouble> widen)
        where TFloat : IDifferentiableModel<float> where TDouble : IDifferentiableModel<double> => (model, widen(model));

    public static readonly NetworkCase[] All =
    {
        new("PaperMlp", () => { var m = new PaperMlp(); m.InitializeParameters(1); return Pair(m, x => x.ToFloat64()); }, 8, true),
        new("LogisticRegression", () => { var m = new LogisticRegression(); m.InitializeParameters(2); return Pair(m, x => x.ToFloat64()); }, 7, true),
        new("TanhSigmoidRegressor", () => { var m = new TanhSigmoidRegressor(); m.InitializeParameters(3); return Pair(m, x => x.ToFloat64()); }, 9, false),
        new("DeepClassifier", () => { var m = new DeepClassifier(); m.InitializeParameters(4); return Pair(m, x => x.ToFloat64()); }, 11, false),
        new("SiluGeluRegressor", () => { var m = new SiluGeluRegressor(); m.InitializeParameters(5); return Pair(m, x => x.ToFloat64()); }, 6, false),
        new("CustomFormulas", () => { var m = new CustomFormulas(); m.InitializeParameters(6); return Pair(m, x => x.ToFloat64()); }, 10, false),
        new("LinearNetwork", () => { var m = new LinearNetwork(); m.InitializeParameters(7); return Pair(m, x => x.ToFloat64()); }, 5, true),
        new("NeuripsRegression", () => { var m = new NeuripsRegression(); m.InitializeParameters(8); return Pair(m, x => x.ToFloat64()); }, 12, true),
        new("ConvPoolClassifier", () => { var m = new ConvPoolClassifier(); m.InitializeParameters(9); return Pair(m, x => x.ToFloat64()); }, 6, true),
        new("StridedConvRegressor", () => { var m = new StridedConvRegressor(); m.InitializeParameters(10); return Pair(m, x => x.ToFloat64()); }, 5, false),
        new("AvgPoolLinearConv", () => { var m = new AvgPoolLinearConv(); m.InitializeParameters(11); return Pair(m, x => x.ToFloat64()); }, 7, false),
        new("ThreeConvRegressor", () => { var m = new ThreeConvRegressor(); m.InitializeParameters(12); return Pair(m, x => x.ToFloat64()); }, 4, false),
        new("IdentityConvMaxPool", () => { var m = new IdentityConvMaxPool(); m.InitializeParameters(13); return Pair(m, x => x.ToFloat64()); }, 6, true),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All) data.Add(c.Name);
        return data;
    }

    public static NetworkCase Get(string name) => Array.Find(All, c => c.Name == name) ?? throw new ArgumentException(name);
}
