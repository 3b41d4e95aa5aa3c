using System;
using System.Collections.Generic;
using System.IO;
using Teleport.Package.Tests.Infrastructure;

namespace Teleport.Package.Tests.Packaging;

/// <summary>
/// A fresh console project outside the repository that references only the package Teleport (no
/// ProjectReference), builds with warnings as errors and nullable on, and restores into its own
/// NUGET_PACKAGES folder so a Teleport package cached by an earlier run can never stand in for this one.
/// Empty Directory.Build.props/targets stop MSBuild from importing anything above the folder.
/// </summary>
internal sealed class ConsumerProject
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, string> _environment;

    /// <param name="properties">More MSBuild properties for the project's PropertyGroup (XML elements), e.g. EmitCompilerGeneratedFiles.</param>
    public ConsumerProject(string folder, NuGetSources sources, string packageVersion, string program, string properties = "")
    {
        Folder = folder;
        PackagesFolder = Path.Combine(folder, ".packages");
        _environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder };
        sources.WriteTo(folder);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <WarningsNotAsErrors>NU1603;NU1608</WarningsNotAsErrors>
                <DefaultItemExcludes>$(DefaultItemExcludes);.packages/**</DefaultItemExcludes>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackedPackage.PackageId}" Version="[{packageVersion}]" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), program);
    }

    public string Folder { get; }

    /// <summary>This project's own NUGET_PACKAGES folder.</summary>
    public string PackagesFolder { get; }

    public CommandResult Build() =>
        Dotnet.Run(Folder, _environment, BuildTimeout, "build", "-c", "Release", "-nodeReuse:false");

    public CommandResult Run() =>
        Dotnet.Run(Folder, _environment, RunTimeout, Path.Combine(Folder, "bin", "Release", "net10.0", "Consumer.dll"));
}
