using Teleport.Data;

namespace Teleport.Cli.Output;

/// <summary>
/// A message as the tool writes it to standard error: one line, every character visible. An error names what the user
/// gave (a path, an option's value, a record's string), and that may hold control characters: an escape sequence in a
/// file name (<c>$'\e[2J'</c>) cleared the terminal instead of appearing in the error, a carriage return hid what came
/// before it, and a right-to-left override reordered the rest of the line.
/// </summary>
internal static class TerminalText
{
    /// <summary>
    /// Line endings become spaces (a message is one line) and the ends are trimmed; every other control character (C0,
    /// DEL, C1) and the bidirectional embedding, override and isolate characters become a visible escape: <c>\x1B</c>,
    /// <c>\u202E</c>. The runtime's <see cref="VisibleText"/> does it, so a data error (<see cref="TeleportDataException"/>,
    /// already spelled so) and the tool's own errors show a name alike.
    /// </summary>
    public static string OneLine(string message) => VisibleText.OneLine(message);

    /// <summary>
    /// A path as a line of standard output names it ("wrote runs/a.json"): every control character, line break and
    /// bidirectional control as the same escapes (<see cref="VisibleText.Escape"/>), nothing trimmed.
    /// </summary>
    public static string Path(string path) => VisibleText.Escape(path);
}
