using System;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Teleport.Generators;

namespace Teleport.Package.Tests.Diagnostics;

/// <summary>
/// TP0013's page lists exactly the member names the generator reserves — the lists its check reads
/// (<c>AttributeNames.GeneratedMembers</c> and, for recurrent networks, <c>RecurrentMembers</c>, which
/// GeneratedMemberListTests keep equal to what the emitter declares). A member added to the generated code and
/// to the check but not to the page left users without the name to avoid (a docs audit found five such).
/// </summary>
public sealed class ReservedNamesPageTests
{
    /// <summary>The explicit interface implementation the page names apart from the lists (it clashes only with a member of that name).</summary>
    private const string Float64TwinFactory = "CreateFloat64Twin";

    [Fact]
    public void Tp0013PageListsEveryReservedNameAndNoOther()
    {
        var reserved = Reserved("GeneratedMembers").Concat(Reserved("RecurrentMembers")).ToHashSet(StringComparer.Ordinal);
        var text = DocPage.Load("TP0013").Section("What it means");
        // Every name the section writes in backticks as a bare identifier (`Loss`, `_workspace`).
        var named = Regex.Matches(text, @"`([A-Za-z_][A-Za-z0-9_]*)`").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        named.Remove(Float64TwinFactory);
        Assert.Empty(reserved.Except(named).Select(n => "TP0013.md does not list the reserved name " + n));
        Assert.Empty(named.Except(reserved).Select(n => "TP0013.md lists " + n + ", which the generator does not reserve"));
    }

    /// <summary>One of the generator's internal name lists (reflection is fine in a test, as <see cref="DiagnosticCatalog"/> reads the descriptors).</summary>
    private static string[] Reserved(string field)
    {
        var type = typeof(TeleportGenerator).Assembly.GetType("Teleport.Generators.Parsing.AttributeNames", throwOnError: true)!;
        var value = type.GetField(field, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as string[];
        Assert.True(value is { Length: > 0 }, $"AttributeNames.{field} is not a non-empty string array.");
        return value!;
    }
}
