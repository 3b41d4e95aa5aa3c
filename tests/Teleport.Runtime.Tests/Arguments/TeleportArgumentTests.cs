using System;
using Teleport.Data;
using Teleport.LinearAlgebra;
using Teleport.Runtime.Tests.Training;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>Teleporter and group-element entry points called with indices or sizes that do not fit.</summary>
public sealed class TeleportArgumentTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void ASymmetryIndexOutsideTheModelsIsNamed(int symmetry)
    {
        var teleporter = new Teleporter<float>(TeleportTestSetup.Model());
        Assert.Throws<ArgumentOutOfRangeException>("symmetry", () => teleporter.IsUsed(symmetry));
        Assert.Throws<ArgumentOutOfRangeException>("symmetry", () => teleporter.IsDiagonal(symmetry));
        Assert.Throws<ArgumentOutOfRangeException>("symmetry", () => teleporter.AccumulatedGroupElement(symmetry));
    }

    [Fact]
    public void TheLastSymmetryIndexIsStillValid()
    {
        var teleporter = new Teleporter<float>(TeleportTestSetup.Model());
        int last = teleporter.SymmetryCount - 1;
        Assert.False(teleporter.IsUsed(last));
        Assert.Throws<ArgumentOutOfRangeException>("symmetry", () => teleporter.IsUsed(teleporter.SymmetryCount));
    }

    [Fact]
    public void AnOnlyLayerTheNetworkDoesNotHaveIsRefused()
    {
        // TeleportTestMlp has layers 0, 1, 2: a restriction to layer 3 stopped as NoSymmetry, as if the layer had none.
        var (inputs, labels) = Batch();
        var teleporter = new Teleporter<float>(TeleportTestSetup.Model());
        var error = Assert.Throws<ArgumentOutOfRangeException>(nameof(TeleportOptions.OnlyLayer),
            () => teleporter.Teleport(inputs, labels, new TeleportOptions { OnlyLayer = 3 }));
        Assert.Contains("layers 0 to 2", error.Message);
    }

    [Fact]
    public void AnOnlyLayerWithoutSymmetriesStillStopsAsNoSymmetry()
    {
        var (inputs, labels) = Batch();
        var report = new Teleporter<float>(TeleportTestSetup.Model()).Teleport(inputs, labels, new TeleportOptions { OnlyLayer = 2 });
        Assert.Equal(TeleportStopReason.NoSymmetry, report.StopReason);
    }

    [Fact]
    public void ASessionNeedsPositiveSizes()
    {
        // An input size of 0 divided by zero in Begin.
        Assert.Throws<ArgumentOutOfRangeException>("inputSize", () => new TeleportSession<float>(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>("width", () => new TeleportSession<float>(4, -1));
    }

    [Fact]
    public void ANegativeGroupWidthIsNamed()
    {
        Assert.Throws<ArgumentOutOfRangeException>("k", () => GroupElements.WorkspaceLength(-1));
        Assert.Throws<ArgumentOutOfRangeException>("k",
            () => GroupElements.TryMap<float>(GroupElementMap.Exponential, new float[4], new float[4], -1, new float[28], new int[2]));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => MatrixExponential.WorkspaceLength(-1));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => Cayley.WorkspaceLength(-1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ACapabilityQuestionNeedsABatch(int batch)
    {
        // It answered null ("can teleport") for a batch the teleport itself refuses as empty.
        var model = TeleportTestSetup.Model();
        Assert.Throws<ArgumentOutOfRangeException>("batch", () => TeleportCapability.Problem(model, new TeleportOptions(), batch));
        Assert.Null(TeleportCapability.Problem(model, new TeleportOptions(), 1));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ASharpnessRadiusChangedInPlaceIsCheckedWhenTheTeleportStarts(double radius)
    {
        // The getter returns the options' own array: a radius written into it skipped the setter's check, and a negative
        // one perturbed the other way (a teleport that completed), a NaN or infinite one stopped it as NonFinite.
        var (inputs, labels) = Batch();
        var options = new TeleportOptions { Steps = 2, Objective = TeleportObjective.Sharpness };
        options.ObjectiveSettings.SharpnessRadii[0] = radius;
        var model = TeleportTestSetup.Model();
        var before = model.Parameters.ToArray();
        var teleporter = new Teleporter<float>(model);
        var error = Assert.Throws<ArgumentOutOfRangeException>(nameof(TeleportObjectiveOptions.SharpnessRadii), () => teleporter.Teleport(inputs, labels, options));
        Assert.Contains("finite radii ≥ 0", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(nameof(TeleportObjectiveOptions.SharpnessRadii),
            () => teleporter.EvaluateObjective(inputs, labels, options, new float[LieLength(teleporter)]));
        Assert.Equal(before, model.Parameters.ToArray());
    }

    private static int LieLength(Teleporter<float> teleporter)
    {
        int length = 0;
        for (int s = 0; s < teleporter.SymmetryCount; s++) length += teleporter.AccumulatedGroupElement(s).Length;
        return length;
    }

    private static (float[] Inputs, int[] Labels) Batch()
    {
        var inputs = new float[5 * 20];
        new SeededRandom(11).FillNormal(inputs, 0f, 1f);
        return (inputs, [0, 1, 2, 3, 0]);
    }
}
