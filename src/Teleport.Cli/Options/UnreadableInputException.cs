using Teleport.Data;

namespace Teleport.Cli.Options;

/// <summary>
/// An input path that names no file: a folder, a device, a FIFO, a socket (exit code 1, as any unreadable file). Unlike
/// data errors inside a file, which name the file, the message gives the path as the user typed it and the option that
/// took it (<c>--weights /dev/null: is a character device, not a file</c>): the last part alone, "null: …", named
/// neither what was given nor where.
/// </summary>
internal sealed class UnreadableInputException(string path, string option, string problem)
    : TeleportDataException(path, problem, null, null, $"{(option.StartsWith("--", System.StringComparison.Ordinal) ? option + " " : "")}{path}: {problem}");
