using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>Which symmetries a teleport uses: at most one per hidden layer, ranked by the symmetry set and the batch size.</summary>
public sealed class SelectionTests
{
    [Theory]
    [InlineData(SymmetrySet.Exact, 4, "S2@0 S1@1")]
    [InlineData(SymmetrySet.All, 4, "S3@0 S1@1 S3@2")]
    [InlineData(SymmetrySet.All, 11, "S3@0 S1@1 S4@2")]
    [InlineData(SymmetrySet.All, 20, "S2@0 S1@1 S4@2")]
    public void ChoosesOneSymmetryPerLayer(SymmetrySet set, int batch, string expected)
    {
        // layer 0: leaky ReLU, fan-in 10, bias (S2, S3, S4); layer 1: identity (S1); layer 2: tanh, fan-in 5, no bias (S3, S4)
        LayerInfo[] layers = [Layer(0, 10, 6, true), Layer(1, 6, 4, true), Layer(2, 4, 5, false)];
        var model = new StubModel(layers,
            [TestSymmetries.On("S4", layers[0]), TestSymmetries.On("S3", layers[0]), TestSymmetries.On("S2", layers[0]),
             TestSymmetries.On("S4", layers[2]), TestSymmetries.On("S1", layers[1]), TestSymmetries.On("S3", layers[2])]);
        TeleportReport report = new Teleporter<double>(model).Teleport(new double[batch * 10], default, new TeleportOptions { Symmetries = set });
        Assert.Equal(expected, string.Join(' ', report.SymmetriesUsed.ToArray()));
        Assert.Equal(TeleportStopReason.NoImprovement, report.StopReason);
    }

    [Fact]
    public void WithoutUsableSymmetriesNothingMoves()
    {
        LayerInfo layer = Layer(0, 3, 2, true);
        var model = new StubModel([layer], [TestSymmetries.On("S4", layer)]);
        TeleportReport report = new Teleporter<double>(model).Teleport(new double[6], default);
        Assert.Equal(TeleportStopReason.NoSymmetry, report.StopReason);
        Assert.Equal(0, report.SymmetriesUsed.Length);
        Assert.Equal(model.Loss([], default), report.LossBefore);
        Assert.Equal(report.LossBefore, report.LossAfter);
        Assert.Equal(0, model.Actions);
    }

    [Fact]
    public void SymmetryDimensionsMustBeKOrKSquared()
    {
        LayerInfo layer = Layer(0, 3, 2, true);
        var model = new StubModel([layer], [TestSymmetries.On("S1", layer, dimension: 3)]);
        var error = Assert.Throws<ArgumentException>(() => new Teleporter<double>(model));
        Assert.Contains("dimension 3", error.Message);
    }

    [Fact]
    public void AKindWithoutASelectionPolicyIsRefused()
    {
        // A kind newer than this runtime (a future layer kind's symmetry) must not be ranked by guesswork.
        LayerInfo layer = Layer(0, 3, 2, true);
        var model = new StubModel([layer], [TestSymmetries.On("S1", layer) with { Kind = (SymmetryKind)99 }]);
        var error = Assert.Throws<ArgumentException>(() => new Teleporter<double>(model));
        Assert.Contains("kind 99", error.Message);
    }

    private static LayerInfo Layer(int index, int inputs, int outputs, bool bias) =>
        new(index, inputs, outputs, bias, "σ", "σ(x)", "σ′(x)", "σ″(x)", null, "");

    /// <summary>A model with a given description whose objective is flat: every Lie-algebra gradient is zero.</summary>
    private sealed class StubModel(LayerInfo[] layers, SymmetryInfo[] symmetries) : ITeleportable<double>
    {
        private readonly double[] parameters = [1, 2];

        public int Actions { get; private set; }

        public NetworkInfo Info { get; } = new("Stub", layers[0].InputSize, 1, LossKind.MeanSquaredError, layers,
            [new ParameterTensorInfo("p", [2], 0, 2)], symmetries);

        public Span<double> Parameters => parameters;

        public double Loss(ReadOnlySpan<double> inputs, Targets<double> targets) => 0.75;

        public double LossAndGradient(ReadOnlySpan<double> inputs, Targets<double> targets, Span<double> gradient)
        {
            gradient.Fill(0.5);
            return 0.75;
        }

        public void HessianVectorProduct(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<double> v, Span<double> result) => result.Clear();

        public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => outputs.Clear();

        private double[]? objectiveGradientScratch;

        public TeleportObjectiveValue<double> TeleportObjectiveGradient(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<bool> active, Span<double> gradient, Span<double> lieAlgebraGradient)
        {
            // An empty gradient span means the caller does not need ∇L (the teleporter); use scratch.
            if (gradient.IsEmpty) gradient = objectiveGradientScratch ??= new double[Parameters.Length];
            lieAlgebraGradient.Clear();
            return new TeleportObjectiveValue<double>(LossAndGradient(inputs, targets, gradient), 0.5);
        }

        public bool ApplyGroupAction(int symmetry, ReadOnlySpan<double> groupElement, ReadOnlySpan<double> inputs)
        {
            Actions++;
            return true;
        }

        public bool TransportCovector(int symmetry, ReadOnlySpan<double> groupElement, Span<double> covector, bool squared) => true;
    }
}
