using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Teleport.Package.Tests.Infrastructure;

namespace Teleport.Package.Tests.Packaging;

/// <summary>What is inside the packed Teleport package, checked file by file.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests(PackedPackage package)
{
    private static readonly string[] ExpectedFiles =
    [
        "README.md",
        "Teleport.nuspec",
        "analyzers/dotnet/cs/Teleport.Generators.dll",
        "lib/net10.0/Teleport.Runtime.dll",
        "lib/net10.0/Teleport.Runtime.xml",
    ];

    [Fact]
    public void PackageHoldsTheRuntimeTheGeneratorAsAnalyzerTheReadmeAndTheXmlDocs()
    {
        package.RequirePacked();
        using var zip = ZipFile.OpenRead(package.PackagePath!);
        var files = zip.Entries.Select(e => e.FullName).Where(IsContent).Order().ToArray();
        Assert.Equal(ExpectedFiles.Order(), files);
    }

    [Fact]
    public void NuspecHasIdVersionLicenseReadmeAndOnlyTheRuntimesDependency()
    {
        package.RequirePacked();
        var metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal(PackedPackage.PackageId, Value("id"));
        Assert.Equal(VersionPrefix(), Value("version"));
        Assert.Equal(package.Version, Value("version"));
        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", Value("readme"));

        var groups = metadata.Descendants().Where(e => e.Name.LocalName == "group").ToList();
        var group = Assert.Single(groups);
        Assert.Equal("net10.0", group.Attribute("targetFramework")?.Value);
        var dependency = Assert.Single(group.Elements());
        Assert.Equal("System.Numerics.Tensors", dependency.Attribute("id")?.Value);
    }

    [Fact]
    public void AnalyzerIsTheGeneratorAndNoLibReference()
    {
        package.RequirePacked();
        using var zip = ZipFile.OpenRead(package.PackagePath!);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("lib/", System.StringComparison.Ordinal) && e.Name.StartsWith("Teleport.Generators", System.StringComparison.Ordinal));

        var analyzer = zip.GetEntry("analyzers/dotnet/cs/Teleport.Generators.dll");
        Assert.NotNull(analyzer);
        using var stream = new MemoryStream();
        using (var entry = analyzer.Open()) entry.CopyTo(stream);
        stream.Position = 0;
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        Assert.Equal("Teleport.Generators", reader.GetString(reader.GetAssemblyDefinition().Name));
        var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
        Assert.Contains("Microsoft.CodeAnalysis", references);
        Assert.Contains("netstandard", references);
    }

    [Fact]
    public void SymbolPackageHoldsThePdbsOfTheRuntimeAndTheGenerator()
    {
        package.RequirePacked();
        using var zip = ZipFile.OpenRead(package.SymbolsPath!);
        var pdbs = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".pdb", System.StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(["analyzers/dotnet/cs/Teleport.Generators.pdb", "lib/net10.0/Teleport.Runtime.pdb"], pdbs);
    }

    /// <summary>Package files other than the OPC bookkeeping every .nupkg carries.</summary>
    private static bool IsContent(string name) =>
        !name.StartsWith("_rels/", System.StringComparison.Ordinal)
        && !name.StartsWith("package/services/", System.StringComparison.Ordinal)
        && name != "[Content_Types].xml";

    private XDocument Nuspec()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath!);
        using var stream = zip.GetEntry("Teleport.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static string VersionPrefix()
    {
        var props = XDocument.Load(Repository.File("Directory.Build.props"));
        return props.Descendants("VersionPrefix").Single().Value;
    }
}
