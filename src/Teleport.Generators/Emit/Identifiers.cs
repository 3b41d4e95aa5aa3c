using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Teleport.Generators.Model;

namespace Teleport.Generators.Emit;

/// <summary>
/// The user's names as the emitted code and the hint name need them. The spec holds names as the symbols
/// spell them (<c>class</c> for <c>@class</c>); code escapes every keyword, contextual ones too (a type named
/// <c>record</c> would otherwise start a record declaration), and the hint name keeps only characters a hint
/// name may hold.
/// </summary>
internal static class Identifiers
{
    private const string Suffix = ".Teleport.g.cs";

    /// <summary><c>class</c> → <c>@class</c>, <c>record</c> → <c>@record</c>; any other name as it is.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>A dotted namespace with each part escaped (<c>My.event</c> → <c>My.@event</c>).</summary>
    public static string Namespace(string dotted) => string.Join(".", dotted.Split('.').Select(Escape));

    /// <summary>
    /// A hint name unique per type: namespace parts joined by '.', containing types and the type by '+' (as in
    /// metadata names, so a class Inner nested in Outer and a namespace Outer.Inner differ), each character that
    /// is not a letter, digit or '_' written as -uXXXX- (no identifier holds '-', so the mapping is one-to-one).
    /// </summary>
    public static string HintName(TypeHierarchy type)
    {
        var sb = new StringBuilder();
        if (type.Namespace.Length > 0) sb.Append(Safe(type.Namespace, keepDots: true)).Append('.');
        foreach (var outer in type.ContainingTypes) sb.Append(Safe(outer.Name, keepDots: false)).Append('+');
        return Shortened(sb.Append(Safe(type.MetadataName, keepDots: false)).Append(Suffix).ToString());
    }

    /// <summary>The longest hint name kept as it is, in UTF-8 bytes; longer ones are <see cref="Shortened"/>.</summary>
    public const int MaxHintNameBytes = 150;

    /// <summary>
    /// <paramref name="hint"/> when it has at most <see cref="MaxHintNameBytes"/> UTF-8 bytes; otherwise its start, cut as late
    /// as fits, then "-h" and the 16 hex digits of a 64-bit FNV-1a hash of the whole name, then ".Teleport.g.cs": 151 to 153
    /// bytes. With EmitCompilerGeneratedFiles the compiler writes the file under its hint name, and a 400-character class
    /// name passed the file systems' 255-byte limit on a file name (CS0016). The hash (of the name as written, case
    /// included) tells long names apart, also those that differ only in case or only past the cut; the lengths tell a
    /// shortened name from a kept one. No part starts with a digit still ('.' is never followed by the hash), so the
    /// case-insensitive suffix of <see cref="UniqueHintName"/> equals no other name.
    /// </summary>
    private static string Shortened(string hint)
    {
        var utf8 = Encoding.UTF8;
        if (utf8.GetByteCount(hint) <= MaxHintNameBytes) return hint;
        var tail = "-h" + Fnv1a64(hint).ToString("x16", CultureInfo.InvariantCulture) + Suffix;
        // Safe leaves only letters, digits and ASCII, all in the BMP (at most 3 bytes), so the cut never splits a character
        // and falls at most 2 bytes short of the budget: the result has more than MaxHintNameBytes bytes.
        var budget = MaxHintNameBytes + 3 - tail.Length;
        var sb = new StringBuilder();
        var bytes = 0;
        foreach (var c in hint)
        {
            var size = utf8.GetByteCount(new[] { c });
            if (bytes + size > budget) break;
            sb.Append(c);
            bytes += size;
        }
        return sb.Append(tail).ToString();
    }

    /// <summary>64-bit FNV-1a over the UTF-16 code units: deterministic across runs and machines (string.GetHashCode is not).</summary>
    private static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>
    /// <paramref name="hint"/> when no other of <paramref name="all"/> (every network's <see cref="HintName"/>) equals it
    /// ignoring case, as the compiler compares hint names; otherwise it with ".{k}" before ".Teleport.g.cs", k the
    /// 1-based place of <paramref name="hint"/> among the names of its group in ordinal order (Demo.NET.1, Demo.Net.2).
    /// No hint name holds a part that starts with a digit, so a suffixed name equals no other.
    /// </summary>
    public static string UniqueHintName(string hint, ImmutableArray<string> all)
    {
        var group = all.Where(h => string.Equals(h, hint, System.StringComparison.OrdinalIgnoreCase))
            .Distinct(System.StringComparer.Ordinal).OrderBy(h => h, System.StringComparer.Ordinal).ToList();
        if (group.Count <= 1) return hint;
        var stem = hint.Substring(0, hint.Length - Suffix.Length);
        return stem + "." + (group.IndexOf(hint) + 1).ToString(CultureInfo.InvariantCulture) + Suffix;
    }

    private static string Safe(string name, bool keepDots)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '_' || (keepDots && c == '.')) sb.Append(c);
            else sb.Append("-u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('-');
        }
        return sb.ToString();
    }
}
