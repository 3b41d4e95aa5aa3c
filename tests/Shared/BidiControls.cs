using Xunit;

namespace Teleport.Testing;

/// <summary>
/// Unicode's Bidi_Control characters, listed here by hand (not from the code under test): the marks ALM, LRM and RLM,
/// the embeddings and overrides, and the isolates. Every escaper of hidden text — the generator's quoted formulas, the
/// runtime's data errors and paths, report.md — must show each of them as its code, never raw.
/// </summary>
internal static class BidiControls
{
    public static readonly char[] All =
    [
        '\u061C', '\u200E', '\u200F',
        '\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
        '\u2066', '\u2067', '\u2068', '\u2069',
    ];

    /// <summary>The characters, one theory case each.</summary>
    public static TheoryData<char> Cases()
    {
        var data = new TheoryData<char>();
        foreach (var c in All) data.Add(c);
        return data;
    }
}
