using System;
using Teleport.Data;
using Teleport.Geometry;
using Teleport.Geometry.Statistics;
using Teleport.Runtime.Tests.Training;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>
/// Measures that split a batch into chunks or sharpness batches, given targets for fewer samples than the inputs: the
/// targets are named at entry (they failed in the slicing of a later chunk, naming nothing).
/// </summary>
public sealed class GeometryArgumentTests
{
    [Fact]
    public void ChunkedObjectiveNamesShortTargets()
    {
        var (inputs, labels) = Batch(6, 5);
        var objective = new ChunkedObjective<float>(TeleportTestSetup.Model(), chunkSize: 2);
        Assert.Throws<ArgumentException>("targets", () => objective.Loss(inputs, labels));
        var v = new float[objective.ParameterCount];
        var result = new float[objective.ParameterCount];
        Assert.Throws<ArgumentException>("targets", () => objective.HessianVectorProduct(inputs, labels, v, result));
    }

    [Fact]
    public void HessianMeasuresNameShortTargets()
    {
        var (inputs, labels) = Batch(6, 5);
        var model = TeleportTestSetup.Model();
        Assert.Throws<ArgumentException>("targets", () => new HessianTrace<float>(model, chunkSize: 2).Exact(inputs, labels));
        Assert.Throws<ArgumentException>("targets", () => new HessianTrace<float>(model, chunkSize: 2).Hutchinson(inputs, labels, 4, 1));
        Assert.Throws<ArgumentException>("targets", () => new HessianTopEigenvalue<float>(model, chunkSize: 2).Compute(inputs, labels));
    }

    [Fact]
    public void SharpnessHelpersNameWhatTheyCannotUse()
    {
        // SamplesUsed threw a NullReferenceException for null options and returned a negative count as used;
        // DrawDirection drew Gaussian entries for a kind that is none.
        Assert.Throws<ArgumentNullException>("options", () => PerturbationSharpness<float>.SamplesUsed(10, null!));
        Assert.Throws<ArgumentOutOfRangeException>("samples", () => PerturbationSharpness<float>.SamplesUsed(-5, new SharpnessOptions()));
        Assert.Equal(400, PerturbationSharpness<float>.SamplesUsed(450, new SharpnessOptions { BatchSize = 200 }));
        Assert.Throws<ArgumentOutOfRangeException>("kind", () => PerturbationSharpness<float>.DrawDirection(new SeededRandom(1), (PerturbationKind)9, new double[4]));
    }

    [Fact]
    public void SharpnessNamesShortTargets()
    {
        var (inputs, labels) = Batch(6, 5);
        var sharpness = new PerturbationSharpness<float>(TeleportTestSetup.Model());
        var options = new SharpnessOptions { Radii = [0.01], DirectionsPerRadius = 1, BatchSize = 2 };
        Assert.Throws<ArgumentException>("targets", () => sharpness.Measure(inputs, labels, options, 1));
    }

    [Fact]
    public void ASharpnessMeasurementEndsOnce()
    {
        // A second End divided the per-radius sums again and returned other means; an AddBatch after End added to
        // the divided sums. Both now say the measurement is closed, and what End returned stays as it was.
        var (inputs, labels) = Batch(4, 4);
        var sharpness = new PerturbationSharpness<float>(TeleportTestSetup.Model());
        var options = new SharpnessOptions { Radii = [0.01, 0.1], DirectionsPerRadius = 2, BatchSize = 4 };
        sharpness.Begin(options, 3);
        sharpness.AddBatch(inputs, labels);
        sharpness.End();
        var means = sharpness.MeanIncreaseByRadius.ToArray();
        Assert.Throws<InvalidOperationException>(() => sharpness.End());
        Assert.Throws<InvalidOperationException>(() => sharpness.AddBatch(inputs, labels));
        Assert.Equal(means, sharpness.MeanIncreaseByRadius.ToArray());
    }

    [Fact]
    public void AllMeasuresNameShortTargets()
    {
        var (inputs, labels) = Batch(6, 5);
        var measures = new GeometryMeasures<float>(TeleportTestSetup.Model(), new MeasureOptions { ChunkSize = 2 });
        Assert.Throws<ArgumentException>("targets", () => measures.Measure(inputs, labels));
    }

    [Fact]
    public void MoreLanczosIterationsThanTheTridiagonalsVectorsHoldAreNamed()
    {
        // 50 000 iterations (the model has 50 001 parameters) need a 50 000² matrix of the tridiagonal's eigenvectors:
        // the count wrapped negative and the constructor failed with an OverflowException.
        var model = new LinearRegressionModel(50_000, 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>("maxIterations", () => new HessianTopEigenvalue<float>(model, maxIterations: 50_000));
        Assert.Contains(((int)Math.Sqrt(Array.MaxLength)).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void CurveDerivativesOfUnequalLengthsNameTheOddOne()
    {
        Assert.Throws<ArgumentException>("second", () => CurveCurvature.Kappa<float>(new float[4], new float[3]));
        Assert.Throws<ArgumentException>("third", () => CurveCurvature.KappaAndDerivative<float>(new float[4], new float[4], new float[3]));
    }

    [Fact]
    public void AnUnknownCorrelationKindIsRefused()
    {
        // It was computed as Spearman's.
        double[] x = [1, 2, 3, 4], y = [1, 3, 2, 4];
        Assert.Throws<ArgumentOutOfRangeException>("kind", () => BootstrapInterval.Compute(x, y, (CorrelationKind)9, 10, 1));
    }

    private static (float[] Inputs, int[] Labels) Batch(int samples, int labels)
    {
        var inputs = new float[samples * 20];
        new SeededRandom(5).FillNormal(inputs, 0f, 1f);
        var targets = new int[labels];
        for (var i = 0; i < labels; i++) targets[i] = i % 4;
        return (inputs, targets);
    }
}
