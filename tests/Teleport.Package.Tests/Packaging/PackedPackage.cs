using System;
using System.IO;
using System.Linq;
using Teleport.Package.Tests.Infrastructure;

namespace Teleport.Package.Tests.Packaging;

/// <summary>
/// Packs the repository's package once per test run into a temporary folder feed:
/// <c>dotnet pack src/Teleport.Runtime -c Release -o FEED --artifacts-path ARTIFACTS</c>. The separate
/// artifacts path keeps this build out of the repository's bin/obj folders, which <c>dotnet test</c> may be
/// building at the same moment for other test projects.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _root = new("teleport-package");

    public PackedPackage()
    {
        FeedDirectory = _root.Combine("feed");
        Pack = Dotnet.Run(Repository.Root, null, PackTimeout,
            "pack", Repository.PackageProject, "-c", "Release", "-o", FeedDirectory,
            "--artifacts-path", _root.Combine("artifacts"), "-nodeReuse:false");
        var packages = Directory.Exists(FeedDirectory) ? Directory.GetFiles(FeedDirectory, "*.nupkg") : [];
        PackagePath = packages.SingleOrDefault();
        SymbolsPath = Directory.Exists(FeedDirectory) ? Directory.GetFiles(FeedDirectory, "*.snupkg").SingleOrDefault() : null;
        if (PackagePath is not null)
            Version = Path.GetFileNameWithoutExtension(PackagePath)[(PackageId.Length + 1)..];
    }

    public const string PackageId = "Teleport";

    /// <summary>The pack command and its output.</summary>
    public CommandResult Pack { get; }

    /// <summary>The local feed folder holding the .nupkg and .snupkg.</summary>
    public string FeedDirectory { get; }

    public string? PackagePath { get; }

    public string? SymbolsPath { get; }

    /// <summary>The package version, from the file name (Teleport.VERSION.nupkg).</summary>
    public string? Version { get; }

    /// <summary>A folder for one test's own files, deleted with the fixture.</summary>
    public string NewWorkFolder(string name)
    {
        var path = _root.Combine(name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Fails the calling test, with the pack output, unless exactly one package and one symbol package were made.</summary>
    public void RequirePacked()
    {
        Assert.True(Pack.Succeeded && PackagePath is not null && SymbolsPath is not null && Version is not null,
            "Packing the Teleport package failed or did not produce Teleport.*.nupkg and .snupkg:\n" + Pack.Describe());
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>The tests that share one packed package run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "Packed package";
}
