using System;
using System.IO;
using Teleport.Data;
using Teleport.Runtime.Tests.Data;
using Teleport.Runtime.Tests.Training;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>Data sets, random draws and initialisation called with arguments that do not fit.</summary>
public sealed class DataArgumentTests
{
    [Fact]
    public void ANullPartToConcatenateIsNamed()
    {
        // It threw a NullReferenceException from the loop over the parts.
        var part = TeleportTestSetup.Data.Test;
        var error = Assert.Throws<ArgumentNullException>("parts", () => Dataset.Concatenate("both", part, null!));
        Assert.Contains("parts[1]", error.Message);
    }

    [Theory]
    [InlineData(nameof(SyntheticClassificationOptions.FeatureCount))]
    [InlineData(nameof(SyntheticClassificationOptions.ClassCount))]
    [InlineData(nameof(SyntheticClassificationOptions.Separation))]
    [InlineData(nameof(SyntheticClassificationOptions.Noise))]
    public void ABadSyntheticOptionIsNamed(string setting)
    {
        var options = setting switch
        {
            nameof(SyntheticClassificationOptions.FeatureCount) => new SyntheticClassificationOptions { FeatureCount = 0 },
            nameof(SyntheticClassificationOptions.ClassCount) => new SyntheticClassificationOptions { ClassCount = 1 },
            nameof(SyntheticClassificationOptions.Separation) => new SyntheticClassificationOptions { Separation = double.NaN },
            _ => new SyntheticClassificationOptions { Noise = -1 },
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(setting, () => SyntheticClassification.Create(10, 10, 1, options));
        Assert.Contains($"SyntheticClassificationOptions.{setting} is", error.Message);
    }

    [Fact]
    public void NullCsvOptionsAreNamedBeforeTheFileIsLookedFor()
    {
        using var temp = new TempDirectory();
        Assert.Throws<ArgumentNullException>("options", () => CsvDataset.Load(temp.File("missing.csv"), null!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(256)]
    public void AnExpectedRankNoIdxFileHasIsTheCallersMistake(int rank)
    {
        // It was reported as the file's ("rank 1 at byte 3, expected -1 dimensions").
        byte[] content = IdxBuilder.Labels(3);
        Assert.Throws<ArgumentOutOfRangeException>("expectedRank", () => IdxFile.Parse(content, "labels.idx", rank));
    }

    [Fact]
    public void RandomDrawsRefuseBoundsAndDeviationsTheyCannotUse()
    {
        var random = new SeededRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>("b", () => random.Uniform(1.0, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>("a", () => random.Uniform(double.NaN, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>("b", () => random.Uniform(0f, float.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>("standardDeviation", () => random.Normal(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>("mean", () => random.Normal(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>("b", () => random.FillUniform(new float[3], 1f, 0f));
        Assert.Throws<ArgumentOutOfRangeException>("standardDeviation", () => random.FillNormal(new float[3], 0f, float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("standardDeviation", () => random.FillNormal(new double[3], 0, -1));
    }

    [Fact]
    public void CheckedFillsDrawWhatSingleDrawsDo()
    {
        // The fills check once and draw unchecked: the values are unchanged.
        var fill = new float[5];
        new SeededRandom(3).FillUniform(fill, -0.5f, 0.5f);
        var single = new SeededRandom(3);
        for (var i = 0; i < fill.Length; i++) Assert.Equal(single.Uniform(-0.5f, 0.5f), fill[i]);
        var normal = new double[5];
        new SeededRandom(4).FillNormal(normal, 1.0, 2.0);
        single = new SeededRandom(4);
        for (var i = 0; i < normal.Length; i++) Assert.Equal(single.Normal(1.0, 2.0), normal[i]);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.25)]
    [InlineData(double.PositiveInfinity)]
    public void AnInitialisationBoundMustBeFiniteAndNotNegative(double bound)
    {
        var initializer = new ParameterInitializer(1);
        Assert.Throws<ArgumentOutOfRangeException>("bound", () => initializer.Uniform(new float[4], bound));
        Assert.Throws<ArgumentOutOfRangeException>("bound", () => initializer.Uniform(new double[4], bound));
        Assert.Throws<ArgumentOutOfRangeException>("bound", () => initializer.NextUniform(bound));
    }

    [Fact]
    public void AnIdxParseWithoutAPathIsRefused()
    {
        // A malformed file was reported for a file named "".
        Assert.Throws<ArgumentNullException>("path", () => IdxFile.Parse(new byte[3], null!));
    }

    [Theory]
    [InlineData(0, 8, "samples")]
    [InlineData(-4, 8, "samples")]
    [InlineData(4, 0, "outputs")]
    public void ThePaperLossScaleNeedsSamplesAndOutputs(int samples, int outputs, string name)
    {
        // It returned ½ · samples · outputs as given: a zero or negative learning-rate scale.
        Assert.Throws<ArgumentOutOfRangeException>(name, () => SyntheticRegression.PaperLossScale(samples, outputs));
    }

    [Fact]
    public void AnUndefinedCsvHeaderSettingAndANullPathAreNamed()
    {
        // (CsvHeader)9 was taken as Auto, and a null path named no file in the messages.
        var options = new CsvOptions { Label = CsvColumn.At(0), Header = (CsvHeader)9 };
        Assert.Throws<ArgumentOutOfRangeException>("options", () => CsvDataset.Parse(new StringReader("y,a\n0,1\n"), "t.csv", options));
        Assert.Throws<ArgumentNullException>("path", () => CsvDataset.Parse(new StringReader("y,a\n0,1\n"), null!, new CsvOptions { Label = CsvColumn.At(0) }));
        Assert.Equal(1, CsvDataset.Parse(new StringReader("y,a\n0,1\n"), "t.csv", new CsvOptions { Label = CsvColumn.At(0) }).Count);
    }
}
