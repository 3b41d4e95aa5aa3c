using System.Globalization;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Positions in a formula as its writer counts them: in characters (Unicode scalar values), not in the UTF-16 units a
/// .NET string indexes. "𝑥" (U+1D465) and "😀" (U+1F600) are one character each but two units (a surrogate pair), so a
/// UTF-16 index past one is one too far per such character. Every "at character N" of a message is this count (the
/// parser's positions stay UTF-16 indexes, which is what a Roslyn location's span needs).
/// </summary>
internal static class FormulaCharacters
{
    /// <summary>
    /// The 1-based number of the character of <paramref name="text"/> at UTF-16 index <paramref name="index"/> (an index
    /// inside a surrogate pair is its pair's character; one at or past the end is the character after the last).
    /// A lone surrogate is one character, as it is one unexpected character to the tokenizer.
    /// </summary>
    public static int Number(string text, int index)
    {
        var end = System.Math.Min(System.Math.Max(index, 0), text.Length);
        // Inside a pair: the pair's character, the one its high surrogate starts.
        if (end > 0 && end < text.Length && char.IsHighSurrogate(text[end - 1]) && char.IsLowSurrogate(text[end])) end--;
        var number = 1;
        for (var i = 0; i < end; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < end && char.IsLowSurrogate(text[i + 1])) i++;
            number++;
        }

        return number;
    }

    /// <summary><see cref="Number"/> as the text a message shows (invariant digits).</summary>
    public static string Text(string text, int index) => Number(text, index).ToString(CultureInfo.InvariantCulture);
}
