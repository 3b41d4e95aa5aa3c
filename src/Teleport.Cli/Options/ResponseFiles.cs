using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using Teleport.Serialization;

namespace Teleport.Cli.Options;

/// <summary>
/// <c>@FILE</c> on the command line: the file's arguments in its place (System.CommandLine's response files), read safely.
/// The parser's own reader crashed the tool on a response file that names itself (a stack overflow), on a folder (an
/// unhandled exception) and hung on a FIFO (a bad-input sweep). Here the file must be a regular file of at most
/// <see cref="MaxBytes"/>, and may not name another response file.
/// </summary>
/// <remarks>
/// The format is the parser's: one or more arguments per line, separated by white space, a double-quoted argument may
/// hold white space, and a line whose first character (after white space) is <c>#</c> is a comment.
/// </remarks>
internal static class ResponseFiles
{
    /// <summary>The largest response file read: far more than any command line, far less than a data file given by mistake.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The response files the current command line was read from (<see cref="BeginCommandLine"/> starts the list).</summary>
    private static readonly AsyncLocal<List<string>?> s_read = new();

    /// <summary>
    /// The response files the current command line was read from, as given after <c>@</c>: inputs of the command like
    /// the files its options name (<see cref="PathPlan"/>), or `train @args.rsp --out args.rsp` writes its record over them.
    /// Per execution context, so that command lines run side by side in one process (the tests) keep their own.
    /// </summary>
    public static IReadOnlyList<string> Read => s_read.Value ?? [];

    /// <summary>Starts an empty list of <see cref="Read"/> for the command line about to be parsed.</summary>
    public static void BeginCommandLine() => s_read.Value = [];

    /// <summary>How every error about a response file starts (the parser lists it among its own errors).</summary>
    public const string ErrorStart = "response file @";

    /// <summary>The parser's hook (<see cref="System.CommandLine.ParserConfiguration.ResponseFileTokenReplacer"/>): <paramref name="path"/> is the token after <c>@</c>.</summary>
    public static bool TryReplace(string path, out IReadOnlyList<string>? tokens, out string? error)
    {
        tokens = null;
        error = Problem(path);
        if (error is not null) return false;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"response file @{path} cannot be read: {e.Message}";
            return false;
        }
        if (Decode(bytes, path, out error) is not { } text) return false;
        var list = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // A NUL became part of an argument ("info\0" was an unknown command, printed with the NUL): no command
            // line holds one, so the file is binary, or UTF-16 without its byte-order mark.
            if (lines[i].Contains('\0', StringComparison.Ordinal))
            {
                error = $"response file @{path}, line {i + 1}: holds a NUL character, which no argument can (a binary file, or UTF-16 without a byte-order mark?)";
                return false;
            }
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            // `--epochs "2` ran as --epochs 2: an unclosed quote is a typo whose intent cannot be guessed.
            if (!Split(trimmed, list))
            {
                error = $"response file @{path}, line {i + 1}: a double quote is not closed ({trimmed})";
                return false;
            }
        }
        foreach (var token in list)
        {
            if (token.Length > 1 && token[0] == '@')
            {
                error = $"response file @{path} names another response file ({token}): response files do not nest";
                return false;
            }
        }
        tokens = list;
        s_read.Value?.Add(path);
        return true;
    }

    /// <summary>
    /// The text of <paramref name="bytes"/>: UTF-8 (a byte-order mark skipped), or UTF-16 after its byte-order mark, as
    /// the parser's reader took them; null with the <paramref name="error"/> naming the first byte that is not text.
    /// The reader replaced such bytes with U+FFFD, so `--model \xFFlogistic` was refused as an unknown model "�logistic".
    /// </summary>
    private static string? Decode(byte[] bytes, string path, out string? error)
    {
        error = null;
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            try
            {
                return new UnicodeEncoding(bigEndian: bytes[0] == 0xFE, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2);
            }
            catch (ArgumentException)
            {
                error = $"response file @{path} starts with a UTF-16 byte-order mark but is not UTF-16 text";
                return null;
            }
        }
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var chars = new char[bytes.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(start), chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done) return new string(chars, 0, written);
        var at = start + read;
        var line = 1 + bytes.AsSpan(0, at).Count((byte)'\n');
        error = $"response file @{path} is not UTF-8 text: byte 0x{bytes[at]:X2} at byte {at} (line {line}) does not begin a UTF-8 character";
        return null;
    }

    /// <summary>What is wrong with reading <paramref name="path"/> as a response file, or null.</summary>
    private static string? Problem(string path)
    {
        if (path.Length == 0) return "response file @ has no name";
        FileKind kind;
        try
        {
            kind = FileKinds.Of(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"response file @{path} cannot be read: {e.Message}";
        }
        if (kind == FileKind.Missing) return $"response file @{path} not found (an argument that starts with @ names a file of arguments; for a path that starts with @, write ./@{path})";
        if (kind != FileKind.RegularFile) return $"response file @{path} is {FileKinds.Describe(kind)}, not a file";
        var length = new FileInfo(path).Length;
        return length > MaxBytes ? $"response file @{path} holds {length} bytes, more than the {MaxBytes} a command line needs" : null;
    }

    /// <summary>
    /// Appends the white-space-separated arguments of <paramref name="line"/>; double quotes group and are removed.
    /// False when a quote is left open at the end of the line.
    /// </summary>
    private static bool Split(string line, List<string> into)
    {
        var current = new StringBuilder();
        bool quoted = false, any = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any) into.Add(current.ToString());
                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }
        if (any) into.Add(current.ToString());
        return !quoted;
    }
}
