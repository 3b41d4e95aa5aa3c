using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Teleport.Package.Tests.Infrastructure;

namespace Teleport.Package.Tests.Diagnostics;

/// <summary>
/// A diagnostic's help page, docs/diagnostics/TPnnnn.md: a title line "# TPnnnn: Title", a table row
/// "| TPnnnn | Severity | Teleport |", then the sections What it means, Bad, Good and How to fix; Bad
/// and Good each hold one ```csharp block.
/// </summary>
internal sealed class DocPage
{
    public static readonly string[] Sections = ["What it means", "Bad", "Good", "How to fix"];

    private DocPage(string id, string[] lines)
    {
        Id = id;
        Lines = lines;
    }

    public string Id { get; }

    public string[] Lines { get; }

    public static string PathOf(string id) => Repository.File($"docs/diagnostics/{id}.md");

    public static DocPage Load(string id) => new(id, File.ReadAllLines(PathOf(id)));

    public string Title => Lines.Length > 0 ? Lines[0] : "";

    /// <summary>The "## " headings, in order.</summary>
    public IReadOnlyList<string> Headings => Lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].Trim()).ToList();

    /// <summary>The text of a section, up to the next "## " heading.</summary>
    public string Section(string heading)
    {
        var start = Array.FindIndex(Lines, l => l.Trim() == "## " + heading);
        if (start < 0) return "";
        var end = Array.FindIndex(Lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        return string.Join("\n", Lines[(start + 1)..(end < 0 ? Lines.Length : end)]).Trim();
    }

    /// <summary>The ```csharp code blocks of a section.</summary>
    public IReadOnlyList<string> CodeBlocks(string heading)
    {
        var blocks = new List<string>();
        List<string>? current = null;
        foreach (var line in Section(heading).Split('\n'))
        {
            if (current is null && line.Trim() == "```csharp") current = [];
            else if (current is not null && line.Trim() == "```")
            {
                blocks.Add(string.Join("\n", current));
                current = null;
            }
            else current?.Add(line);
        }
        return blocks;
    }
}
