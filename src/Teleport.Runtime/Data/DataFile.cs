using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace Teleport.Data;

/// <summary>
/// Reads a data file's content, transparently decompressing gzip. Compression is detected by the
/// gzip magic bytes 1F 8B, not by the file name, so a renamed file still loads.
/// </summary>
/// <remarks>
/// The content goes straight from the file (through the decompressor) into the array that keeps it,
/// made by <see cref="FeatureArrays.Create{T}(long)"/>: not zeroed first, backed by huge pages, no
/// intermediate copy. A reader that knows its header's length asks for the content split there
/// (<see cref="ReadContent(string, int, Func{byte[], long?})"/>), so that the rest — an image file's pixels — is an array
/// of its own that a data set can keep as it is. Measured (`LoadPaperSplits`, Fashion-MNIST, the
/// development VM): most of the load was the kernel zeroing and mapping fresh 4 KB pages for the file
/// bytes, the decompressor's output and a copy of the pixels, not decompression.
/// </remarks>
internal static class DataFile
{
    /// <summary>Bytes read from the file per system call.</summary>
    private const int FileBuffer = 1 << 20;

    /// <summary>True when <paramref name="content"/> starts with the gzip magic bytes.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> content) => content.Length >= 2 && content[0] == 0x1F && content[1] == 0x8B;

    /// <summary>
    /// The file's content (decompressed when gzip). A missing file throws <see cref="DatasetNotFoundException"/>;
    /// an unreadable or corrupt one <see cref="TeleportDataException"/>.
    /// </summary>
    public static ReadOnlyMemory<byte> ReadContent(string path) => ReadContent(path, 0).Body;

    /// <summary>
    /// The file's content (decompressed when gzip) cut after its first <paramref name="headerLength"/> bytes:
    /// <see cref="SplitContent.Header"/> holds them (fewer when the content is shorter) and
    /// <see cref="SplitContent.Body"/> the rest, the whole of its own array when it fits it exactly.
    /// Errors as <see cref="ReadContent(string)"/>; a corrupt or truncated gzip file is reported before anything
    /// looks at the content.
    /// </summary>
    /// <param name="path">The file, raw or gzip.</param>
    /// <param name="headerLength">The header's length.</param>
    /// <param name="bodyLength">
    /// The body's length the header declares, or null when it declares none (a malformed header, for the reader to
    /// report). Content beyond it is not read: only counted when the file is raw (<see cref="SplitContent.Unread"/>), and
    /// not decompressed when gzip (<c>null</c> there) — a 13 MB gzip file whose header declared 60 labels decompressed
    /// 3 GB of zeros before it was refused for its trailing bytes (bad-input sweep).
    /// </param>
    public static SplitContent ReadContent(string path, int headerLength, Func<byte[], long?>? bodyLength = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(headerLength);
        return Read(path, $"{path}: file not found", FileBuffer, (file, length) =>
        {
            Span<byte> magic = stackalloc byte[2];
            var gzip = RandomAccess.Read(file.SafeFileHandle, magic, 0) == 2 && IsGzip(magic);
            return gzip ? Gunzip(file, length, path, headerLength, bodyLength) : ReadSplit(file, (int)length, headerLength, bodyLength);
        });
    }

    /// <summary>
    /// The file's bytes as stored. A missing file throws <see cref="DatasetNotFoundException"/> with
    /// <paramref name="notFoundMessage"/>; one too large for an array, or unreadable, <see cref="TeleportDataException"/>.
    /// </summary>
    public static byte[] ReadBytes(string path, string notFoundMessage) =>
        Read(path, notFoundMessage, bufferSize: 1, (file, length) =>
        {
            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            file.ReadExactly(bytes);
            return bytes;
        });

    /// <summary>
    /// Opens <paramref name="path"/> (<paramref name="bufferSize"/> bytes buffered; 1: none, for one read of the whole file)
    /// and hands it and its length to <paramref name="read"/>: the checks every read shares
    /// (missing → <see cref="DatasetNotFoundException"/>; too large for an array, or an I/O error → <see cref="TeleportDataException"/>).
    /// </summary>
    private static T Read<T>(string path, string notFoundMessage, int bufferSize, Func<FileStream, long, T> read)
    {
        // Looked at before opening: opening a FIFO waits for a writer, for ever if none comes; a folder or device is no data file.
        var kind = Teleport.Serialization.FileKinds.Of(path);
        if (kind == Teleport.Serialization.FileKind.Missing)
            throw new DatasetNotFoundException(Path.GetFullPath(path), notFoundMessage);
        if (kind != Teleport.Serialization.FileKind.RegularFile)
            throw new TeleportDataException(path, $"is {Teleport.Serialization.FileKinds.Describe(kind)}, not a file");
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan);
            var length = file.Length;
            if (length > Array.MaxLength)
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture, $"file of {length} bytes is too large to load"));
            return read(file, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TeleportDataException(path, $"cannot read the file ({e.Message})", null, e);
        }
    }

    private static SplitContent ReadSplit(FileStream file, int length, int headerLength, Func<byte[], long?>? bodyLength)
    {
        var header = new byte[Math.Min(headerLength, length)];
        file.ReadExactly(header);
        if (header.Length == headerLength && bodyLength?.Invoke(header) is { } declared && length - header.Length > declared)
            return new SplitContent(header, ReadOnlyMemory<byte>.Empty, length - header.Length);
        var body = FeatureArrays.Create<byte>(length - header.Length);
        file.ReadExactly(body);
        return new SplitContent(header, body);
    }

    /// <summary>
    /// Decompresses the gzip <paramref name="file"/> (<paramref name="rawLength"/> bytes) of <paramref name="path"/> and
    /// checks it against the gzip trailer (RFC 1952): the last 8 bytes hold the CRC-32 and the size mod 2³² of the last
    /// member's data, which must match the end of what was decompressed. .NET's <see cref="GZipStream"/> verifies a
    /// complete member's CRC but silently returns what it has when the file is cut short — in the data or in the trailer —
    /// so this check is what turns a truncated download into an error instead of fewer or garbled samples.
    /// </summary>
    private static SplitContent Gunzip(FileStream file, long rawLength, string path, int headerLength, Func<byte[], long?>? bodyLength)
    {
        var c = CultureInfo.InvariantCulture;
        // The smallest gzip file: a 10-byte header, an empty deflate block (2 bytes) and the 8-byte trailer.
        if (rawLength < 20)
            throw new TeleportDataException(path, string.Create(c, $"truncated gzip file of {rawLength} bytes (a gzip member has at least 20)"));
        // RFC 1952 §2.3: after the magic, CM = 8 (deflate, the only method defined) and FLG's top three bits reserved as 0.
        // .NET reports either as an "unsupported compression method" without a place, so they are checked here first.
        Span<byte> start = stackalloc byte[4];
        RandomAccess.Read(file.SafeFileHandle, start, 0);
        if (start[2] != 8)
            throw new TeleportDataException(path, string.Create(c, $"corrupt gzip header: compression method {start[2]}, where gzip defines only 8, deflate"), 2);
        if ((start[3] & 0xE0) != 0)
            throw new TeleportDataException(path, string.Create(c, $"corrupt gzip header: flags 0x{start[3]:X2} set reserved bits"), 3);
        Span<byte> trailer = stackalloc byte[8];
        RandomAccess.Read(file.SafeFileHandle, trailer, rawLength - 8);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        var size = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        // The size is only a capacity hint here (it may be corrupt): deflate expands at most 1032:1.
        var capacity = (int)Math.Clamp(size, (uint)rawLength, (uint)Math.Min(1L << 30, 1032L * rawLength));
        byte[] header;
        byte[] body = [];
        var read = 0;
        using (var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true))
        {
            try
            {
                header = new byte[headerLength];
                var got = gzip.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
                if (got < header.Length) header = header[..got];
                else
                {
                    var declared = bodyLength?.Invoke(header) ?? Array.MaxLength;
                    body = FeatureArrays.Create<byte>(Math.Min(Math.Max(capacity - header.Length, 0), declared));
                    read = ReadToEnd(gzip, ref body, declared);
                    // More than the header declares: refused for it, so the rest (and the trailer's check) is not read.
                    Span<byte> one = stackalloc byte[1];
                    if (read == declared && gzip.Read(one) > 0) return new SplitContent(header, body.AsMemory(0, read), null);
                }
            }
            catch (InvalidDataException e)
            {
                // The header was checked above, so this is the deflate data or the CRC-32 check after it (.NET words a
                // failed check as an "unsupported compression method", which would mislead here, so its text is left out).
                throw new TeleportDataException(path, "corrupt gzip data: the compressed stream or its CRC-32 check is broken", null, e);
            }
            catch (Exception e) when (e is OutOfMemoryException or IOException)
            {
                throw new TeleportDataException(path, $"cannot decompress ({e.Message})", null, e);
            }
        }
        // The trailer describes the last member: the last `size` bytes of the output (all of it for one member).
        var total = (long)header.Length + read;
        if (size > total || LastBytesCrc(header, body.AsSpan(0, read), size) != crc)
        {
            if (TrailingBytes(file, rawLength, header, body.AsSpan(0, read)) is { } end)
                throw new TeleportDataException(path, string.Create(c,
                    $"{rawLength - end} bytes follow the end of its gzip data at byte {end} of its {rawLength} bytes (its trailer, before them, matches the {total} bytes it decompresses to): something was appended to the file"));
            throw new TeleportDataException(path, string.Create(c,
                $"truncated or corrupt gzip file: its trailer (CRC-32 0x{crc:X8}, size {size}, the last 8 of its {rawLength} bytes) does not match the {total} bytes it decompresses to; the file is probably cut short"));
        }
        return new SplitContent(header, body.AsMemory(0, read));
    }

    /// <summary>Raw bytes searched from the end for a trailer followed by appended bytes.</summary>
    private const int TrailerSearch = 1 << 16;

    /// <summary>
    /// Where the gzip data of a one-member file end when bytes were appended after them: .NET's <see cref="GZipStream"/>
    /// stops at the end of the member and ignores what follows unless it starts a new member, so the last 8 bytes are then
    /// not the trailer, and a file with "garbage" appended was said to be cut short. Looks in the last
    /// <see cref="TrailerSearch"/> bytes for the trailer the content implies — the CRC-32 of all of it and its size mod
    /// 2³² (RFC 1952 §2.3.1) — and returns the offset just after it; null if it is not there (a file really cut short,
    /// corrupt, or of several members).
    /// </summary>
    private static long? TrailingBytes(FileStream file, long rawLength, byte[] header, ReadOnlySpan<byte> body)
    {
        Span<byte> expected = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, Crc32.Append(Crc32.Compute(header), body));
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], (uint)(header.LongLength + body.Length));
        var from = Math.Max(0, rawLength - TrailerSearch);
        var tail = new byte[rawLength - from];
        RandomAccess.Read(file.SafeFileHandle, tail, from);
        var at = tail.AsSpan().LastIndexOf(expected);
        return at < 0 || from + at + 8 == rawLength ? null : from + at + 8;
    }

    /// <summary>The CRC-32 of the last <paramref name="size"/> bytes of header followed by body.</summary>
    private static uint LastBytesCrc(byte[] header, ReadOnlySpan<byte> body, uint size)
    {
        if (size <= (uint)body.Length) return Crc32.Compute(body[(body.Length - (int)size)..]);
        var fromHeader = (int)(size - (uint)body.Length);
        return Crc32.Append(Crc32.Compute(header.AsSpan(header.Length - fromHeader)), body);
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, or to <paramref name="max"/> bytes, into <paramref name="buffer"/>,
    /// growing it when the stream holds more (a full buffer is probed with a few bytes first, so an exact guess costs no
    /// copy); returns the bytes read.
    /// </summary>
    private static int ReadToEnd(Stream stream, ref byte[] buffer, long max)
    {
        var n = 0;
        Span<byte> probe = stackalloc byte[256];
        while (true)
        {
            if (n == max) return n;
            if (n == buffer.Length)
            {
                var room = probe[..(int)Math.Min(probe.Length, max - n)];
                var extra = stream.ReadAtLeast(room, room.Length, throwOnEndOfStream: false);
                if (extra == 0) return n;
                if ((long)n + extra > Array.MaxLength) throw new OutOfMemoryException($"the content exceeds {Array.MaxLength} bytes");
                var grown = FeatureArrays.Create<byte>(Math.Max(n + extra, Math.Min(Math.Clamp(2L * buffer.Length, n + extra + 4096L, Array.MaxLength), max)));
                buffer.AsSpan(0, n).CopyTo(grown);
                probe[..extra].CopyTo(grown.AsSpan(n));
                buffer = grown;
                n += extra;
                continue;
            }
            var read = stream.Read(buffer, n, buffer.Length - n);
            if (read == 0) return n;
            n += read;
        }
    }
}

/// <summary>A file's content cut in two: its first bytes (a format's header) and the rest.</summary>
/// <param name="Header">The first bytes: as many as asked for, fewer only when the content is shorter (then the body is empty).</param>
/// <param name="Body">The rest of the content, or as much of it as the header declares.</param>
/// <param name="Unread">
/// Bytes after <paramref name="Body"/> left unread because the header does not declare them (0: none); null when there
/// are some but they were not counted (a gzip stream not decompressed to its end).
/// </param>
internal readonly record struct SplitContent(byte[] Header, ReadOnlyMemory<byte> Body, long? Unread = 0)
{
    /// <summary>Bytes of content in all, as far as they are known (<see cref="Unread"/> null counts none).</summary>
    public long Length => Header.Length + (long)Body.Length + (Unread ?? 0);
}
