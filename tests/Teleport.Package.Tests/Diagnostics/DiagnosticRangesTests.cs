using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Teleport.Package.Tests.Infrastructure;

namespace Teleport.Package.Tests.Diagnostics;

/// <summary>
/// The repository README and the package's README sum the diagnostics up as ranges of IDs ("TP0001–TP0028,
/// TP0030–TP0037 …"). Together the ranges a page states cover every diagnostic the generator declares, and span no
/// ID it does not: both pages still said TP0001–TP0027 long after TP0028 was added.
/// </summary>
public sealed class DiagnosticRangesTests
{
    public static TheoryData<string> Pages() => new() { "README.md", "docs/package-readme.md" };

    [Theory]
    [MemberData(nameof(Pages))]
    public void TheRangesAPageStatesCoverExactlyTheDeclaredIds(string page)
    {
        var text = File.ReadAllText(Repository.File(page));
        // "TP0001–TP0028" or "`TP0001`…`TP0028`".
        var ranges = Regex.Matches(text, @"TP(\d{4})`?\s*[–…-]\s*`?TP(\d{4})")
            .Select(m => (First: int.Parse(m.Groups[1].Value), Last: int.Parse(m.Groups[2].Value))).ToList();
        Assert.NotEmpty(ranges);
        var stated = ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1)).Select(n => $"TP{n:D4}").ToHashSet();
        var declared = DiagnosticCatalog.All.Select(d => d.Id).ToHashSet();
        Assert.Empty(declared.Except(stated).Order().Select(id => $"{page}'s ranges leave out {id}"));
        Assert.Empty(stated.Except(declared).Order().Select(id => $"{page}'s ranges include {id}, which the generator does not declare"));
    }
}
