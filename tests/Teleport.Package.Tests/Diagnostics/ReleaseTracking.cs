using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Teleport.Package.Tests.Diagnostics;

/// <summary>
/// Reads AnalyzerReleases.Shipped.md then Unshipped.md the way the release-tracking analyzer (RS2000…)
/// does: tables under "### New Rules" add rules, "### Removed Rules" remove them, "### Changed Rules"
/// (ID | new category | new severity | old category | old severity | notes) change them.
/// </summary>
internal static class ReleaseTracking
{
    public sealed record Rule(string Id, string Category, string Severity);

    public static IReadOnlyDictionary<string, Rule> Read(params string[] files)
    {
        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var section = "";
            foreach (var raw in File.ReadAllLines(file))
            {
                var line = raw.Trim();
                if (line.StartsWith("###", StringComparison.Ordinal)) section = line.TrimStart('#').Trim();
                if (!line.StartsWith("TP", StringComparison.Ordinal)) continue;
                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                var id = cells[0];
                switch (section)
                {
                    case "New Rules":
                        if (!rules.TryAdd(id, new Rule(id, cells[1], cells[2])))
                            throw new InvalidDataException($"{Path.GetFileName(file)}: {id} is added twice.");
                        break;
                    case "Removed Rules":
                        if (!rules.Remove(id)) throw new InvalidDataException($"{Path.GetFileName(file)}: {id} is removed but was never added.");
                        break;
                    case "Changed Rules":
                        if (!rules.ContainsKey(id)) throw new InvalidDataException($"{Path.GetFileName(file)}: {id} is changed but was never added.");
                        rules[id] = new Rule(id, cells[1], cells[2]);
                        break;
                    default:
                        throw new InvalidDataException($"{Path.GetFileName(file)}: rule row '{line}' outside a New/Removed/Changed Rules table.");
                }
            }
        }
        return rules;
    }
}
