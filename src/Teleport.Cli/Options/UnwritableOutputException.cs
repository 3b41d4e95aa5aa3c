using Teleport.Data;

namespace Teleport.Cli.Options;

/// <summary>
/// An output that cannot be created where it is (exit code 1, as any unwritable file). Unlike other data errors the
/// message names the whole path, not only the file's name, since the problem is on the way to it:
/// <c>/proc/x/y cannot be written (--out): its folder /proc/x does not exist and cannot be created in /proc (…)</c>.
/// </summary>
internal sealed class UnwritableOutputException(string path, string option, string problem)
    : TeleportDataException(path, $"cannot be written ({option}): {problem}", null, null, $"{path} cannot be written ({option}): {problem}");
