using System;
using System.Text;
using Teleport.Data;
using Teleport.Runtime.Tests.Data;
using Teleport.Serialization;
using static Teleport.Runtime.Tests.Serialization.SafeTensorsBuilder;

namespace Teleport.Runtime.Tests.Serialization;

/// <summary>Every malformation is rejected with one line naming the file, the problem and the byte offset.</summary>
public class SafeTensorsRejectionTests
{
    private static TeleportDataException Fails(byte[] content, long? offset)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.safetensors", content);
        var e = Assert.Throws<TeleportDataException>(() => SafeTensors.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith("bad.safetensors: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(offset, e.Offset);
        if (offset is { } at) Assert.Contains($"byte {at}", e.Message);
        return e;
    }

    private static TeleportDataException Fails(string header, int dataBytes, long? offset) => Fails(Build(header, dataBytes), offset);

    [Fact]
    public void TooShortForTheHeaderSize() =>
        Assert.Contains("too short for the 8-byte header size", Fails([1, 0, 0], 3).Message);

    [Fact]
    public void AbsurdHeaderSize()
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes, 1UL << 40);
        Assert.Contains("header size 1099511627776 at byte 0 is absurd", Fails(bytes, 0).Message);
    }

    [Fact]
    public void HeaderSizeLargerThanTheFile()
    {
        var bytes = Build("{}", 0);
        bytes[0] = 200;
        Assert.Equal("bad.safetensors: header size 200 at byte 0 is larger than the file (10 bytes)", Fails(bytes, 0).Message);
    }

    [Fact]
    public void InvalidUtf8()
    {
        var header = Encoding.UTF8.GetBytes("{\"a\xff\":{}}");
        header[3] = 0xFF;
        Assert.Equal("bad.safetensors: the header is not valid UTF-8 at byte 11 (line 1): byte 0xFF starts no UTF-8 character there", Fails(Build(header, []), 11).Message);
    }

    [Fact]
    public void InvalidJsonIsSaidInTheRecordsPlainWords()
    {
        // Before: System.Text.Json's text, e.g. "invalid JSON in the header at byte 8 ('h' is an invalid start of a value.
        // LineNumber: 0 | BytePositionInLine: 0.)"; now the records' reader's words (JsonProblem), with byte and line.
        Assert.Equal("bad.safetensors: the header is not valid JSON at byte 30 (line 1): a trailing comma", Fails("{\"a\": {\"dtype\": \"F32\",}}", 0, 30).Message);
        Assert.Contains("the header is not a JSON object", Fails("[1, 2]", 0, 8).Message);
        Assert.Equal("bad.safetensors: the header is not valid JSON at byte 8 (line 1)", Fails("hello", 0, 8).Message);
        Assert.Equal("bad.safetensors: the header is not valid JSON at byte 19 (line 1): it ends inside a value (cut short?)", Fails("{\"a\": {\"dty", 0, 19).Message);
        Assert.Equal("bad.safetensors: unexpected content after the header object at byte 11", Fails("{} x", 0, 11).Message);
        Assert.Equal("bad.safetensors: the header has a string at byte 9 (line 1) that escapes half of a UTF-16 surrogate pair (\\uD800–\\uDFFF alone), which is no character",
            Fails("{\"\\uD800\":{}}", 0, 9).Message);
    }

    [Fact]
    public void AnEmptyHeaderABomAndNulPaddingAreNamed()
    {
        // The bad-input sweep: each gave System.Text.Json's "… when isFinalBlock is true. LineNumber: 0 | BytePositionInLine: 0.".
        Assert.Equal("bad.safetensors: the header is empty (the header size at byte 0 is 0): a safetensors header is a JSON object", Fails("", 0, 0).Message);
        Assert.Equal("bad.safetensors: the header is empty (white space only)", Fails("   ", 0, null).Message);
        Assert.Equal("bad.safetensors: the header starts with a byte-order mark (EF BB BF) at byte 8: a safetensors header begins with '{'", Fails("\uFEFF{}", 0, 8).Message);
        // The format: "The header data MAY be trailing padded with whitespace (0x20)" — spaces, not NUL.
        Assert.Equal("bad.safetensors: the header is padded with NUL bytes, but the safetensors format pads it with spaces (0x20) only: NUL (0x00) at byte 10",
            Fails("{}\0\0\0\0\0\0", 0, 10).Message);
        Assert.Equal("bad.safetensors: the header is padded with NUL bytes, but the safetensors format pads it with spaces (0x20) only: NUL (0x00) at byte 12",
            Fails("{}  \0\0", 0, 12).Message);
    }

    [Fact]
    public void SpacePaddingIsAccepted()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("padded.safetensors", Build("{" + Entry("w", "1", 0, 4) + "}      ", 4));
        var file = SafeTensors.Read(path);
        Assert.Equal("w", Assert.Single(file.Tensors).Name);
    }

    [Fact]
    public void MissingFields()
    {
        var e = Fails("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, 8 + 1);
        Assert.Equal("bad.safetensors: tensor \"w\" has no \"data_offsets\" field at byte 9", e.Message);
        Assert.Contains("tensor \"w\" has no \"dtype\" field", Fails("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4, 9).Message);
        Assert.Contains("tensor \"w\" has no \"shape\" field", Fails("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4, 9).Message);
    }

    [Fact]
    public void WrongFieldKindsUnknownAndRepeatedFields()
    {
        Assert.Contains("tensor \"w\": unknown field \"offsets\"", Fails("{\"w\":{\"offsets\":[0,4]}}", 4, 14).Message);
        Assert.Contains("tensor \"w\": duplicate field \"dtype\"", Fails("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\"}}", 4, 28).Message);
        Assert.Contains("data_offsets has 3 entries, expected 2", Fails("{" + Entry("w", "1", 0, 4).Replace("[0,4]", "[0,4,8]") + "}", 4, 55).Message);
        Assert.Contains("shape holds a number that is not an integer", Fails("{" + Entry("w", "-1", 0, 4) + "}", 4, 37).Message);
        Assert.Contains("tensor \"w\" is a number, not an object", Fails("{\"w\":3}", 0, 13).Message);
    }

    [Fact]
    public void UnknownDtype() =>
        Assert.Contains("tensor \"w\": unknown dtype \"F33\"", Fails("{" + Entry("w", "1", 0, 4, "F33") + "}", 4, 22).Message);

    [Fact]
    public void ShapeTimesDtypeSizeDifferentFromTheByteRange()
    {
        var e = Fails("{" + Entry("w", "2,3", 0, 20) + "}", 20, 9);
        Assert.Equal("bad.safetensors: tensor \"w\": shape [2, 3] × F32 (4 bytes) needs 24 bytes but data_offsets [0, 20] span 20 (entry at byte 9)", e.Message);
    }

    [Fact]
    public void OffsetsOutOfRangeOrReversed()
    {
        Assert.Contains("tensor \"w\": data_offsets [0, 8] out of range: the data section has 4 bytes", Fails("{" + Entry("w", "2", 0, 8) + "}", 4, 9).Message);
        Assert.Contains("data_offsets [4, 0] end before they begin", Fails("{" + Entry("w", "1", 4, 0) + "}", 4, 9).Message);
    }

    [Fact]
    public void OverlappingRanges()
    {
        var header = "{" + Entry("a", "2", 0, 8) + "," + Entry("b", "2", 4, 12) + "}";
        var dataStart = 8 + header.Length;
        var e = Fails(header, 12, dataStart + 4);
        Assert.Contains("tensors \"a\" [0, 8] and \"b\" [4, 12] overlap", e.Message);
    }

    [Fact]
    public void Holes()
    {
        var header = "{" + Entry("a", "1", 0, 4) + "," + Entry("b", "1", 8, 12) + "}";
        var e = Fails(header, 12, 8 + header.Length + 4);
        Assert.Contains("data bytes [4, 8) belong to no tensor", e.Message);
        header = "{" + Entry("a", "1", 0, 4) + "," + Entry("b", "1", 5, 6, "U8") + "}";
        Assert.Contains("data bytes [4, 5) belong to no tensor", Fails(header, 6, 8 + header.Length + 4).Message);
        header = "{" + Entry("a", "1", 4, 8) + "}";
        Assert.Contains("data bytes [0, 4) belong to no tensor", Fails(header, 8, 8 + header.Length).Message);
        header = "{" + Entry("a", "1", 0, 4) + "}";
        Assert.Contains("the last 2 data bytes [4, 6) belong to no tensor", Fails(header, 6, 8 + header.Length + 4).Message);
    }

    [Fact]
    public void DuplicateNames()
    {
        var header = "{" + Entry("a", "1", 0, 4) + "," + Entry("a", "1", 4, 8) + "}";
        var at = 8 + header.IndexOf(",\"a\"", StringComparison.Ordinal) + 1;
        Assert.Contains("duplicate tensor name \"a\"", Fails(header, 8, at).Message);
    }

    [Fact]
    public void NonStringMetadata()
    {
        var e = Fails("{\"__metadata__\":{\"epoch\":3}}", 0, 33);
        Assert.Equal("bad.safetensors: metadata value of \"epoch\" is a number, not a string at byte 33", e.Message);
        Assert.Contains("is not an object of strings", Fails("{\"__metadata__\":[1]}", 0, 24).Message);
        Assert.Contains("duplicate \"__metadata__\"", Fails("{\"__metadata__\":{},\"__metadata__\":{}}", 0, 27).Message);
    }

    [Fact]
    public void MissingFile()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<DatasetNotFoundException>(() => SafeTensors.Read(dir.File("gone.safetensors")));
        Assert.Contains(dir.File("gone.safetensors"), e.Message);
    }
}
