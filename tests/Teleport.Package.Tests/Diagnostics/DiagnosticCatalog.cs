using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Teleport.Generators;

namespace Teleport.Package.Tests.Diagnostics;

/// <summary>
/// Every <see cref="DiagnosticDescriptor"/> the generator declares, read from its internal
/// <c>DiagnosticDescriptors</c> class (reflection is fine in a test: the generator is not ours to open up).
/// </summary>
internal static class DiagnosticCatalog
{
    /// <summary>Where the help links point: the repository's docs/diagnostics folder.</summary>
    public const string HelpLinkBase = "https://github.com/teleport-ml/teleport/blob/main/";

    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> Descriptors = new(() =>
    {
        var type = typeof(TeleportGenerator).Assembly.GetType("Teleport.Generators.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;
        return type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
    });

    public static IReadOnlyList<DiagnosticDescriptor> All => Descriptors.Value;

    public static DiagnosticDescriptor Get(string id) => All.Single(d => d.Id == id);

    /// <summary>The IDs, as xunit theory data.</summary>
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var d in All) data.Add(d.Id);
        return data;
    }
}
