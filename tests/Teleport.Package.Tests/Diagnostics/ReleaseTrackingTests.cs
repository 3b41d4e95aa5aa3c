using System.Linq;
using Teleport.Package.Tests.Infrastructure;

namespace Teleport.Package.Tests.Diagnostics;

/// <summary>AnalyzerReleases.Shipped.md and Unshipped.md together list every descriptor once, with its category and severity (RS2000-clean).</summary>
public sealed class ReleaseTrackingTests
{
    [Fact]
    public void ReleaseFilesListEveryDescriptorWithItsCategoryAndSeverity()
    {
        var rules = ReleaseTracking.Read(
            Repository.File("src/Teleport.Generators/AnalyzerReleases.Shipped.md"),
            Repository.File("src/Teleport.Generators/AnalyzerReleases.Unshipped.md"));
        Assert.Equal(DiagnosticCatalog.All.Select(d => d.Id).Order(), rules.Keys.Order());
        foreach (var d in DiagnosticCatalog.All)
        {
            Assert.Equal(d.Category, rules[d.Id].Category);
            Assert.Equal(d.DefaultSeverity.ToString(), rules[d.Id].Severity);
        }
    }
}
