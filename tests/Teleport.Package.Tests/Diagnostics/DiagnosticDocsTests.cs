using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Teleport.Package.Tests.Infrastructure;

namespace Teleport.Package.Tests.Diagnostics;

/// <summary>
/// Every diagnostic has a help link to an existing page docs/diagnostics/TPnnnn.md, the page has the
/// agreed shape, its bad example reports the diagnostic and its good example reports nothing and compiles.
/// </summary>
public sealed class DiagnosticDocsTests
{
    public static TheoryData<string> Ids() => DiagnosticCatalog.Ids();

    [Fact]
    public void TheCatalogueHoldsEveryIdWithoutDuplicates()
    {
        // TP0001–TP0028: networks and formulas (TP0027: a padded image side; TP0028: a symmetry group too large); TP0030–TP0037: image layers; TP0040–TP0042: recurrent layers.
        var expected = Enumerable.Range(1, 28).Concat(Enumerable.Range(30, 8)).Concat(Enumerable.Range(40, 3)).Select(n => $"TP{n:D4}");
        var ids = DiagnosticCatalog.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected.Order(), ids.Order());
        Assert.All(ids, id => Assert.Matches(@"^TP\d{4}$", id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HelpLinkNamesAnExistingPage(string id)
    {
        var link = DiagnosticCatalog.Get(id).HelpLinkUri;
        Assert.Equal($"{DiagnosticCatalog.HelpLinkBase}docs/diagnostics/{id}.md", link);
        var target = Repository.File(link[DiagnosticCatalog.HelpLinkBase.Length..]);
        Assert.True(File.Exists(target), $"{id}'s help link {link} names {target}, which does not exist.");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void PageHasTitleSeverityAndTheFourSections(string id)
    {
        var descriptor = DiagnosticCatalog.Get(id);
        var page = DocPage.Load(id);
        Assert.Equal($"# {id}: {descriptor.Title}", page.Title);
        Assert.Contains($"| {id} | {descriptor.DefaultSeverity} | {descriptor.Category} |", page.Lines);
        Assert.Equal(DocPage.Sections, page.Headings);
        foreach (var section in DocPage.Sections)
            Assert.False(string.IsNullOrWhiteSpace(page.Section(section)), $"{id}.md: section '{section}' is empty.");
        Assert.Single(page.CodeBlocks("Bad"));
        Assert.Single(page.CodeBlocks("Good"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void BadExampleReportsTheDiagnostic(string id)
    {
        var example = DocPage.Load(id).CodeBlocks("Bad").Single();
        var (generator, _) = ExampleCompiler.Compile(example);
        var reported = generator.Where(d => d.Id == id).ToList();
        Assert.True(reported.Count > 0, $"{id}.md's bad example does not report {id}; it reports: {Describe(generator)}");
        Assert.All(reported, d => Assert.Equal(DiagnosticCatalog.Get(id).DefaultSeverity, d.Severity));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void GoodExampleReportsNothingAndCompiles(string id)
    {
        var example = DocPage.Load(id).CodeBlocks("Good").Single();
        var (generator, compilation) = ExampleCompiler.Compile(example);
        Assert.True(generator.IsEmpty, $"{id}.md's good example reports: {Describe(generator)}");
        Assert.True(compilation.IsEmpty, $"{id}.md's good example does not compile cleanly: {Describe(compilation)}");
    }

    [Fact]
    public void TheIndexListsEveryDiagnosticAndThereAreNoOrphanPages()
    {
        var index = File.ReadAllText(Repository.File("docs/diagnostics/README.md"));
        foreach (var d in DiagnosticCatalog.All)
            Assert.Contains($"| [{d.Id}]({d.Id}.md) | {d.DefaultSeverity} | {d.Title} |", index);
        var pages = Directory.GetFiles(Repository.File("docs/diagnostics"), "TP*.md").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(DiagnosticCatalog.All.Select(d => d.Id).Order(), pages);
    }

    private static string Describe(System.Collections.Generic.IEnumerable<Diagnostic> diagnostics) =>
        string.Join("; ", diagnostics.Select(d => d.ToString())) is { Length: > 0 } text ? text : "(nothing)";
}
