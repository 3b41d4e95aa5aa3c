using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using Teleport.Package.Tests.Infrastructure;

namespace Teleport.Package.Tests.Packaging;

/// <summary>
/// The package sources a consumer project restores from: the test's local feed for Teleport (and only
/// there, by package source mapping), then, for third-party packages such as System.Numerics.Tensors,
/// the machine's global packages folder read as a local feed (fast, offline) and the machine's
/// configured sources (<c>dotnet nuget list source</c>) for anything not yet there.
/// </summary>
internal sealed record NuGetSources(string LocalFeed, string? GlobalPackagesFolder, IReadOnlyList<string> MachineSources)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Reads the machine's NuGet configuration from <paramref name="outsideRepository"/> (a folder with no nuget.config of its own).</summary>
    public static NuGetSources Discover(string localFeed, string outsideRepository)
    {
        var list = Dotnet.Run(outsideRepository, null, QueryTimeout, "nuget", "list", "source", "--format", "short");
        Assert.True(list.Succeeded, list.Describe());
        // Lines look like "E https://api.nuget.org/v3/index.json" (E = enabled, D = disabled).
        var sources = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("E ", StringComparison.Ordinal))
            .Select(l => l[2..].Trim())
            .ToList();

        var locals = Dotnet.Run(outsideRepository, null, QueryTimeout, "nuget", "locals", "global-packages", "--list");
        Assert.True(locals.Succeeded, locals.Describe());
        const string prefix = "global-packages:";
        var line = locals.Output.Split('\n', StringSplitOptions.TrimEntries).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        var folder = line?[prefix.Length..].Trim();
        return new NuGetSources(localFeed, Directory.Exists(folder) ? folder : null, sources);
    }

    /// <summary>The nuget.config text: cleared sources, then ours, mapped so Teleport comes from the local feed only.</summary>
    public string ToConfig()
    {
        var named = new List<(string Key, string Value)> { ("teleport-local", LocalFeed) };
        if (GlobalPackagesFolder is not null) named.Add(("machine-global-packages", GlobalPackagesFolder));
        for (var i = 0; i < MachineSources.Count; i++) named.Add(($"machine-{i}", MachineSources[i]));

        var xml = new StringBuilder();
        xml.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        xml.AppendLine("<configuration>");
        xml.AppendLine("  <packageSources>");
        xml.AppendLine("    <clear />");
        foreach (var (key, value) in named) xml.AppendLine($"    <add key=\"{key}\" value=\"{SecurityElement.Escape(value)}\" />");
        xml.AppendLine("  </packageSources>");
        xml.AppendLine("  <packageSourceMapping>");
        xml.AppendLine("    <clear />");
        xml.AppendLine($"    <packageSource key=\"teleport-local\"><package pattern=\"{PackedPackage.PackageId}\" /></packageSource>");
        foreach (var (key, _) in named.Skip(1)) xml.AppendLine($"    <packageSource key=\"{key}\"><package pattern=\"*\" /></packageSource>");
        xml.AppendLine("  </packageSourceMapping>");
        xml.AppendLine("</configuration>");
        return xml.ToString();
    }

    public override string ToString() => ToConfig();

    /// <summary>Writes nuget.config into <paramref name="folder"/>.</summary>
    public void WriteTo(string folder) => File.WriteAllText(Path.Combine(folder, "nuget.config"), ToConfig());
}
