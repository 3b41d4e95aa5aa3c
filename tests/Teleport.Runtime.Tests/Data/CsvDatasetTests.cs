using System;
using System.IO;
using System.Text;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

public class CsvDatasetTests
{
    private static Dataset Load(string text, CsvOptions options, string name = "data.csv")
    {
        using var dir = new TempDirectory();
        var path = dir.Write(name, Encoding.UTF8.GetBytes(text));
        return CsvDataset.Load(path, options);
    }

    private static TeleportDataException Fails(string text, CsvOptions options, string name = "data.csv")
    {
        var e = Assert.Throws<TeleportDataException>(() => Load(text, options, name));
        Assert.StartsWith(name + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    /// <summary>
    /// A byte-order mark left in the text by a reader that did not consume it (a StringReader, a stream opened without BOM
    /// detection) is not part of the first column's name: Parse read "\uFEFFx", and CsvOptions.Label = "x" was not found.
    /// </summary>
    [Theory]
    [InlineData("\uFEFFx,label\n0.5,1\n-2,0\n")]
    [InlineData("\uFEFF\nx,label\n0.5,1\n-2,0\n")]
    public void ABomLeftByTheReaderIsNotPartOfTheFirstName(string text)
    {
        var set = CsvDataset.Parse(new StringReader(text), "data.csv", new CsvOptions { Label = "label" });
        Assert.Equal(2, set.Count);
        Assert.Equal(1, set.FeatureCount);
        var byName = CsvDataset.Parse(new StringReader(text), "data.csv", new CsvOptions { Label = "label", Features = ["x"] });
        Assert.Equal(2, byName.Count);
    }

    [Fact]
    public void ReadsClassificationWithHeaderByName()
    {
        var set = Load("a,b,species,c\n1.5,2,1,3\n\n-4e-1, 5 ,0,6\r\n", new CsvOptions { Label = "species" });
        Assert.True(set.IsClassification);
        Assert.Equal(2, set.Count);
        Assert.Equal(3, set.FeatureCount);
        Assert.Equal(2, set.ClassCount);
        Assert.Equal(new float[] { 1.5f, 2, 3, -0.4f, 5, 6 }, set.Features.ToArray());
        Assert.Equal(new[] { 1, 0 }, set.Labels.ToArray());
        Assert.Equal("data.csv", set.Name);
    }

    [Fact]
    public void ReadsRegressionWithoutHeaderByIndexAndSelectedFeatures()
    {
        var set = Load("1;2;3;4\n5;6;7;8\n", new CsvOptions
        {
            Delimiter = ';',
            Targets = [3, 0],
            Features = [2, 1],
            Name = "reg",
        });
        Assert.False(set.IsClassification);
        Assert.Equal(new float[] { 3, 2, 7, 6 }, set.Features.ToArray());
        Assert.Equal(new float[] { 4, 1, 8, 5 }, set.Targets.ToArray());
        Assert.Equal("reg", set.Name);
    }

    [Fact]
    public void ReadsTabsQuotesAndExplicitClassCount()
    {
        var set = Load("\"x 1\"\t\"label\"\n\"0.25\"\t2\n", new CsvOptions { Delimiter = '\t', Label = "label", ClassCount = 5 });
        Assert.Equal(5, set.ClassCount);
        Assert.Equal(0.25f, set.Features[0]);
        Assert.Equal(2, set.Label(0));
    }

    [Fact]
    public void HeaderDetectionCanBeOverridden()
    {
        // All-numeric first row: detected as data.
        Assert.Equal(2, Load("1,0\n2,1\n", new CsvOptions { Label = 1 }).Count);
        Assert.Equal(1, Load("1,0\n2,1\n", new CsvOptions { Label = 1, Header = CsvHeader.Present }).Count);
        var e = Fails("x,y\n1,0\n", new CsvOptions { Label = 1, Header = CsvHeader.Absent });
        Assert.Equal("data.csv: line 1, column 1: cannot parse \"x\" as a finite number", e.Message);
    }

    [Fact]
    public void BadCellNamesLineColumnAndText()
    {
        var e = Fails("a,b,label\n1,2,0\n3,abc,1\n", new CsvOptions { Label = "label" });
        Assert.Equal("data.csv: line 3, column 2 (\"b\"): cannot parse \"abc\" as a finite number", e.Message);
        e = Fails("a,label\n1,0\n2,\n", new CsvOptions { Label = "label" });
        Assert.Equal("data.csv: line 3, column 2 (\"label\"): label \"\" is not an integer", e.Message);
        e = Fails("a,label\nNaN,0\n", new CsvOptions { Label = "label" });
        Assert.Contains("line 2, column 1 (\"a\"): cannot parse \"NaN\"", e.Message);
        e = Fails("a,label\n1,1.5\n", new CsvOptions { Label = "label" });
        Assert.Contains("label \"1.5\" is not an integer", e.Message);
        e = Fails("a,label\n1,-1\n", new CsvOptions { Label = "label" });
        Assert.Contains("label \"-1\" is outside", e.Message);
        e = Fails("a,label\n1,7\n", new CsvOptions { Label = "label", ClassCount = 3 });
        Assert.Equal("data.csv: line 2, column 2 (\"label\"): label \"7\" is outside 0..2", e.Message);
        // Decimal commas are not numbers in the invariant culture.
        e = Fails("a;label\n1,5;0\n", new CsvOptions { Delimiter = ';', Label = "label" });
        Assert.Contains("cannot parse \"1,5\"", e.Message);
    }

    [Fact]
    public void RaggedRowNamesBothCounts()
    {
        var e = Fails("a,b,label\n1,2,0\n\n3,1\n", new CsvOptions { Label = "label" });
        Assert.Equal("data.csv: line 4 has 2 cells, expected 3 (as in line 1)", e.Message);
    }

    [Fact]
    public void MissingColumnsAreNamed()
    {
        var e = Fails("a,b\n1,0\n", new CsvOptions { Label = "species" });
        Assert.Equal("data.csv: no column named \"species\" in the header (columns: a, b)", e.Message);
        e = Fails("1,0\n", new CsvOptions { Label = 5 });
        Assert.Equal("data.csv: column index 5 is out of range (the file has 2 columns)", e.Message);
        e = Fails("1,0\n", new CsvOptions { Label = "b" });
        Assert.Contains("chosen by name but the file has no header row", e.Message);
        e = Fails("a,b\n1,0\n", new CsvOptions { Label = "b", Features = ["a", "b"] });
        Assert.Equal("data.csv: column 2 (\"b\") is chosen twice: as the label and as a feature", e.Message); // "as a feature and as a feature, label or target"
        // A name the header holds twice: "a,y,y" with the label "y" read the first y without a word.
        e = Fails("a,y,y\n1,2,0\n", new CsvOptions { Label = "y" });
        Assert.Equal("data.csv: the header names more than one column \"y\" (columns 2 and 3): choose it by index", e.Message);
        Assert.Equal(2, CsvDataset.Parse(new System.IO.StringReader("a,y,y\n1,2,0\n"), "data.csv", new CsvOptions { Label = 2 }).FeatureCount);
    }

    [Fact]
    public void EmptyHeaderOnlyAndUnterminatedQuote()
    {
        Assert.Equal("data.csv: no data rows (the file is empty)", Fails("\n \n", new CsvOptions { Label = 0 }).Message);
        Assert.Equal("data.csv: no data rows (only a header)", Fails("a,b\n", new CsvOptions { Label = 1 }).Message);
        Assert.Equal("data.csv: line 2: unterminated quoted cell", Fails("a,b\n\"1,0\n", new CsvOptions { Label = 1 }).Message);
    }

    [Fact]
    public void OptionsMustChooseLabelOrTargets()
    {
        Assert.Throws<ArgumentException>(() => Load("1,2\n", new CsvOptions()));
        Assert.Throws<ArgumentException>(() => Load("1,2\n", new CsvOptions { Label = 0, Targets = [1] }));
        Assert.Throws<ArgumentException>(() => Load("1,2\n", new CsvOptions { Label = 0, Delimiter = '"' }));
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        using var dir = new TempDirectory();
        var path = dir.File("none.csv");
        var e = Assert.Throws<DatasetNotFoundException>(() => CsvDataset.Load(path, new CsvOptions { Label = 0 }));
        Assert.Equal($"CSV file {path} not found", e.Message);
    }

    [Fact]
    public void ParsesFromAReader()
    {
        var set = CsvDataset.Parse(new StringReader("y,x\n0.5,1\n"), "inline", new CsvOptions { Targets = ["y"] });
        Assert.Equal(new float[] { 0.5f }, set.Targets.ToArray());
        Assert.Equal(new float[] { 1f }, set.Features.ToArray());
    }
}
