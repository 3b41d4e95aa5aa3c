using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Teleport.Data;

namespace Teleport.Serialization;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face): an 8-byte little-endian header length N,
/// N bytes of UTF-8 JSON <c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]},
/// "__metadata__": {"key": "value"}}</c>, then the raw little-endian tensor data; offsets are relative
/// to the data section. Compatible with <c>safetensors.torch.save_file</c>/<c>load_file</c>.
/// </summary>
/// <remarks>
/// Reading rejects, with <see cref="TeleportDataException"/> naming the file, the problem and the byte
/// offset: a file shorter than 8 bytes; a header length above 100 MB or beyond the end of the file;
/// invalid UTF-8 or JSON; missing, repeated or unknown fields; unknown dtypes; duplicate names;
/// non-string metadata; a byte range whose length is not shape product × dtype size; ranges past the
/// data section, overlapping ranges, and holes (bytes no tensor owns). Writing pads the header with
/// spaces to a multiple of 8 bytes (as the reference implementation does) and is atomic
/// (<see cref="AtomicFile"/>).
/// </remarks>
public static partial class SafeTensors
{
    /// <summary>The header key of the string-to-string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The largest header accepted (the reference implementation's limit).</summary>
    public const long MaxHeaderSize = 100_000_000;

    /// <summary>Reads a safetensors file.</summary>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(DataFile.ReadBytes(path, $"safetensors file {Path.GetFullPath(path)} not found"), path);
    }

    /// <summary>
    /// ": the file starts with text (…)" when the first 8 bytes — the header size of a safetensors file — are printable
    /// ASCII, else "". Text read as a little-endian size is always absurd (at least 0x20 in its top byte, ~2.3·10¹⁸),
    /// and a run record given as --weights said only "header size 7957688064805964411 at byte 0 is absurd".
    /// </summary>
    private static string TextStart(ReadOnlySpan<byte> content)
    {
        const int shown = 16;
        foreach (var b in content[..8])
            if (b is (< 0x20 or > 0x7E) and not ((byte)'\t' or (byte)'\n' or (byte)'\r')) return "";
        var text = new System.Text.StringBuilder();
        foreach (var b in content[..Math.Min(shown, content.Length)])
        {
            if (b is (byte)'\n') text.Append("\\n");
            else if (b is (byte)'\r') text.Append("\\r");
            else if (b is (byte)'\t') text.Append("\\t");
            else if (b is < 0x20 or > 0x7E) text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            else text.Append((char)b);
        }
        return $": the file starts with text (\"{text}{(content.Length > shown ? "…" : "")}\"), not the binary header size of a safetensors file — a JSON record or another text file?";
    }

    /// <summary>Parses safetensors <paramref name="content"/>; <paramref name="path"/> names it in messages.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null (messages named no file).</exception>
    public static SafeTensorsFile Parse(ReadOnlySpan<byte> content, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var c = CultureInfo.InvariantCulture;
        if (content.Length < 8)
            throw new TeleportDataException(path, string.Create(c, $"file of {content.Length} bytes is too short for the 8-byte header size (truncated at byte {content.Length})"), content.Length);
        var headerSize = BinaryPrimitives.ReadUInt64LittleEndian(content);
        if (headerSize > MaxHeaderSize)
            throw new TeleportDataException(path, string.Create(c, $"header size {headerSize} at byte 0 is absurd (limit {MaxHeaderSize}){TextStart(content)}"), 0);
        if (8 + (long)headerSize > content.Length)
            throw new TeleportDataException(path, string.Create(c, $"header size {headerSize} at byte 0 is larger than the file ({content.Length} bytes)"), 0);

        var header = content.Slice(8, (int)headerSize);
        var (entries, metadata) = SafeTensorsHeaderReader.Parse(header, path, 8);
        var dataStart = 8 + (long)headerSize;
        var data = content[(int)dataStart..];
        SafeTensorsLayout.Validate(entries, data.Length, dataStart, path);

        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        var tensors = new List<SafeTensor>(entries.Count);
        foreach (var e in entries)
            tensors.Add(new SafeTensor(e.Name, e.DType, e.Shape, data[(int)e.Begin..(int)e.End].ToArray()));
        return new SafeTensorsFile(tensors, metadata);
    }

    /// <summary>Writes <paramref name="tensors"/> (data in this order) and <paramref name="metadata"/> to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var bytes = ToBytes(tensors, metadata);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes the file content to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes(tensors, metadata));
    }

    /// <summary>The file content for <paramref name="tensors"/> and <paramref name="metadata"/>.</summary>
    public static byte[] ToBytes(IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var header = SafeTensorsHeaderWriter.Write(tensors, metadata);
        long dataLength = 0;
        foreach (var t in tensors) dataLength += t.Data.Length;
        var total = 8 + header.Length + dataLength;
        if (total > Array.MaxLength)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The file would be {total} bytes, more than one array can hold."), nameof(tensors));
        var bytes = new byte[total];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes.AsSpan(8));
        var at = 8 + header.Length;
        foreach (var t in tensors)
        {
            t.Data.CopyTo(bytes.AsSpan(at));
            at += t.Data.Length;
        }
        return bytes;
    }
}
