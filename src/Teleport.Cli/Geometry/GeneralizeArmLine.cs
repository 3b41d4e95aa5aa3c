using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Teleport.Cli.Output;
using Teleport.Geometry.Experiments;

namespace Teleport.Cli.Geometry;

/// <summary>
/// The teleports of one arm of one seed, as <c>generalize</c>'s per-seed line says them. A teleport's "after" values are
/// those of its last accepted point, so a teleport that took no step has after = before. Each teleport is read on its
/// own: the first teleport's "before" and the last one's "after" are separated by SGD steps, and comparing them would
/// report SGD's movement as the teleports' (a rejected "down" arm whose objective "rose").
/// </summary>
internal static class GeneralizeArmLine
{
    /// <summary>"" without teleports; else how many moved the weights, what they changed, and why the others took no step.</summary>
    public static string Teleports(IReadOnlyList<GeneralizationTeleport> teleports)
    {
        if (teleports.Count == 0) return "";
        var c = CultureInfo.InvariantCulture;
        var moved = teleports.Where(t => t.Steps > 0).ToArray();
        var still = Still(teleports.Where(t => t.Steps == 0));
        var count = Format.Count(teleports.Count, "teleport");
        if (moved.Length == 0) return $"  {count}, none moved the weights ({still})";
        var kept = moved.Length == 1 ? One(moved[0]) : Several(moved);
        var head = moved.Length == teleports.Count
            ? (teleports.Count == 1 ? $"  1 teleport moved the weights" : $"  {count}, all moved the weights")
            : string.Create(c, $"  {count}, {moved.Length} moved the weights");
        return $"{head}: {kept}{(still.Length == 0 ? "" : $" ({still})")}";
    }

    /// <summary>A single kept teleport: its own before and after.</summary>
    private static string One(GeneralizationTeleport t) =>
        $"objective {Format.General(t.ObjectiveBefore)} → {Format.General(t.ObjectiveAfter)}, ψ {Psi(t.PsiBefore)} → {Psi(t.PsiAfter)}, batch loss {Format.Loss(t.BatchLossBefore)} → {Format.Loss(t.BatchLossAfter)}";

    /// <summary>Several kept teleports: after/before per teleport, median [min, max], as the summary table reads them.</summary>
    private static string Several(IReadOnlyList<GeneralizationTeleport> moved)
    {
        var objective = Spread(SeedSpread.Of(moved.Select(t => t.ObjectiveRatio)));
        var psiRatios = moved.Where(t => t.PsiBefore is not null && t.PsiAfter is not null).Select(t => t.PsiRatio).ToArray();
        var psi = psiRatios.Length == 0 ? "" : $", ψ after/before {Spread(SeedSpread.Of(psiRatios))}";
        var drift = Spread(SeedSpread.Of(moved.Select(t => t.BatchLossRelativeDrift)));
        return $"objective after/before {objective}{psi}, batch loss drift {drift}";
    }

    /// <summary>Why the teleports that took no step stopped: "k rejected: drift beyond --drift-tolerance; m took no step: cap_reached".</summary>
    private static string Still(IEnumerable<GeneralizationTeleport> still)
    {
        var parts = new List<string>();
        foreach (var group in still.GroupBy(t => t.StopReason).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, System.StringComparer.Ordinal))
        {
            var n = group.Count().ToString(CultureInfo.InvariantCulture);
            parts.Add(group.Key == "drift_limit" ? $"{n} rejected: drift beyond --drift-tolerance" : $"{n} took no step: {group.Key}");
        }
        return string.Join("; ", parts);
    }

    // NaN when no ratio exists (an objective of 0 before): said in words, never printed as a number
    private static string Spread(SeedSpread s) => !double.IsFinite(s.Median) ? "undefined" : s.Min == s.Max
        ? Format.General(s.Median)
        : $"{Format.General(s.Median)} [{Format.General(s.Min)}, {Format.General(s.Max)}]";

    private static string Psi(double? psi) => psi is { } value ? Format.General(value) : "—";
}
