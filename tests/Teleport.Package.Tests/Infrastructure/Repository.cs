using System;
using System.IO;

namespace Teleport.Package.Tests.Infrastructure;

/// <summary>Paths in the repository this test assembly was built from.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Teleport.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No Teleport.sln above {AppContext.BaseDirectory}.");
    });

    /// <summary>The folder holding Teleport.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root, given with '/' separators.</summary>
    public static string File(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The package project: the runtime, packed with the generator as its analyzer.</summary>
    public static string PackageProject => File("src/Teleport.Runtime/Teleport.Runtime.csproj");
}
