using System;
using System.Globalization;
using System.IO;

namespace Teleport.Data;

/// <summary>
/// A data or model file that cannot be used: missing, truncated, malformed or inconsistent.
/// The message is one line (line breaks in what it quotes become spaces, other control characters and bidirectional
/// overrides visible escapes such as <c>\x1B</c>) naming the file, the problem and, where it applies, the byte offset,
/// e.g. <c>train-images-idx3-ubyte.gz: truncated at byte 4716 (expected 47040016 bytes of pixel data, found 4700)</c>.
/// </summary>
/// <remarks>
/// Offsets count bytes from the start of the file's content; for gzip-compressed files that is the
/// decompressed content. <see cref="FilePath"/> keeps the full path; the message names the file.
/// </remarks>
public class TeleportDataException : Exception
{
    /// <summary>Creates the exception; the message is built as <c>file: problem [at byte offset]</c>.</summary>
    /// <param name="filePath">The file (or folder) at fault.</param>
    /// <param name="problem">What is wrong, without the file name.</param>
    /// <param name="offset">The byte offset where the problem is, when it applies.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public TeleportDataException(string filePath, string problem, long? offset = null, Exception? innerException = null)
        : this(filePath, problem, offset, innerException, Format(filePath, problem, offset))
    {
    }

    /// <summary>Creates the exception with a message given in full (for subclasses that word it differently); it is made one line.</summary>
    protected TeleportDataException(string filePath, string problem, long? offset, Exception? innerException, string message)
        : base(OneLine(message), innerException)
    {
        FilePath = filePath;
        Offset = offset;
        Problem = OneLine(problem);
    }

    /// <summary>The longest problem text kept: a problem quoting a corrupt file's content could otherwise run on for pages.</summary>
    private const int MaxLength = 400;

    /// <summary>
    /// <paramref name="text"/> as one line (<see cref="VisibleText.OneLine"/>): line breaks become spaces, every other
    /// control character and bidirectional override an escape (<c>\x1B</c>, <c>\u202E</c>), so that a file named
    /// <c>$'a\tb'</c> is reported as <c>a\x09b</c>, not <c>a b</c>; text beyond <see cref="MaxLength"/> characters is cut with
    /// "…". Problems can quote what they found — a file's bytes, a CSV cell, a JSON parser's message with the rest of
    /// the input — and the promise is one line in which the user can see what is there.
    /// </summary>
    internal static string OneLine(string text) => VisibleText.OneLine(text, MaxLength);

    /// <summary>The file (or folder) at fault, as given by the caller.</summary>
    public string FilePath { get; }

    /// <summary>The byte offset of the problem in the file's content, when it applies.</summary>
    public long? Offset { get; }

    /// <summary>The problem without the file name.</summary>
    public string Problem { get; }

    private static string Format(string filePath, string problem, long? offset)
    {
        var name = DisplayName(filePath);
        if (offset is not { } at)
            return $"{name}: {problem}";
        // The problem text may already place the offset in its wording ("truncated at byte 4716 (…)").
        var text = at.ToString(CultureInfo.InvariantCulture);
        return problem.Contains(text, StringComparison.Ordinal)
            ? $"{name}: {problem}"
            : $"{name}: {problem} (at byte {text})";
    }

    /// <summary>The file name for messages: the last path component, or the path itself for a folder.</summary>
    internal static string DisplayName(string filePath)
    {
        var name = Path.GetFileName(filePath);
        return string.IsNullOrEmpty(name) ? filePath : name;
    }
}
