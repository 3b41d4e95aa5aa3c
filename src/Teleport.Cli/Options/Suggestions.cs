using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace Teleport.Cli.Options;

/// <summary>
/// The "did you mean" of an unknown command or option: the known names of the same kind (commands for a word, the
/// command's visible options for a word starting with '-') at the smallest Damerau–Levenshtein distance, if that distance
/// is small for the word's length; none when nothing is close.
/// </summary>
internal static class Suggestions
{
    /// <summary>Names shown at most: a tie beyond that is no help.</summary>
    private const int MaxShown = 3;

    /// <summary>"; did you mean 'train'?" for <paramref name="token"/> typed where <paramref name="command"/> was parsed, or "".</summary>
    public static string For(string token, Command command)
    {
        var option = token.StartsWith('-');
        // --lrr=0.1 and --lrr:0.1 name the option before the separator
        var typed = option ? Key(token.Split('=', ':')[0]) : Key(token);
        if (typed.Length == 0) return "";
        var best = int.MaxValue;
        var closest = new List<string>();
        foreach (var name in option ? OptionNames(command) : CommandNames(command))
        {
            var distance = Distance(typed, Key(name));
            if (distance > Allowed(typed.Length) || distance > best) continue;
            if (distance < best) closest.Clear();
            best = distance;
            if (!closest.Contains(name)) closest.Add(name);
        }
        if (closest.Count is 0 or > MaxShown) return "";
        return "; did you mean " + string.Join(" or ", closest.Select(name => $"'{name}'")) + "?";
    }

    /// <summary>
    /// Whether <paramref name="token"/> is, as typed, one of the names <see cref="For"/> compares it with (an option of
    /// <paramref name="command"/>, with or without its "=value", or a subcommand): a known name that is still unmatched
    /// was read as an argument, e.g. after "--".
    /// </summary>
    public static bool IsName(string token, Command command)
    {
        var option = token.StartsWith('-');
        var name = option ? token.Split('=', ':')[0] : token;
        return (option ? OptionNames(command) : CommandNames(command)).Contains(name, StringComparer.Ordinal);
    }

    /// <summary>
    /// The largest distance still suggested for a word of <paramref name="length"/> characters (without its dashes): a
    /// quarter of it, rounded, and at least one from three characters on — one slip in "trian" or "--lrr", two in
    /// "--teleport-epoch-count"; nothing for one or two characters, where any short name is that close.
    /// </summary>
    public static int Allowed(int length) => length < 3 ? 0 : Math.Max(1, (length + 2) / 4);

    /// <summary>
    /// Damerau–Levenshtein distance (optimal string alignment): the fewest insertions, deletions, substitutions and
    /// transpositions of two adjacent characters that turn <paramref name="a"/> into <paramref name="b"/>, with
    /// d[i,j] = min(d[i−1,j] + 1, d[i,j−1] + 1, d[i−1,j−1] + [aᵢ ≠ bⱼ], d[i−2,j−2] + 1 if aᵢ = bⱼ₋₁ and aᵢ₋₁ = bⱼ).
    /// </summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, d[i - 2, j - 2] + 1);
                d[i, j] = value;
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>A name as compared: without its leading dashes (or slashes), in lower case.</summary>
    private static string Key(string name) => name.TrimStart('-', '/').ToLowerInvariant();

    private static IEnumerable<string> CommandNames(Command command)
    {
        foreach (var sub in command.Subcommands)
        {
            if (sub.Hidden) continue;
            yield return sub.Name;
            foreach (var alias in sub.Aliases) yield return alias;
        }
    }

    /// <summary>The command's visible options and those its ancestors pass down (--help), under every name.</summary>
    private static IEnumerable<string> OptionNames(Command command)
    {
        var options = new List<Option>(command.Options);
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
            options.AddRange(parent.Options.Where(o => o.Recursive));
        foreach (var option in options)
        {
            if (option.Hidden) continue;
            yield return option.Name;
            foreach (var alias in option.Aliases) yield return alias;
        }
    }
}
