using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Teleport.Serialization;

/// <summary>Little-endian element encoding and decoding for every <see cref="SafeTensorDType"/>.</summary>
internal static class SafeTensorElements
{
    /// <summary>Decodes <paramref name="source"/> elements of <paramref name="type"/> into doubles (exact for every type but U64/I64 beyond 2⁵³).</summary>
    public static void Decode(SafeTensorDType type, ReadOnlySpan<byte> source, Span<double> destination)
    {
        if (type == SafeTensorDType.F64 && BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, double>(source).CopyTo(destination);
            return;
        }
        var size = SafeTensorDTypes.SizeOf(type);
        for (var i = 0; i < destination.Length; i++)
            destination[i] = DecodeOne(type, source.Slice(i * size, size));
    }

    /// <summary>Decodes <paramref name="source"/> elements of <paramref name="type"/> into floats (rounded for F64 and wide integers).</summary>
    public static void Decode(SafeTensorDType type, ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (type == SafeTensorDType.F32 && BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
            return;
        }
        var size = SafeTensorDTypes.SizeOf(type);
        for (var i = 0; i < destination.Length; i++)
            destination[i] = (float)DecodeOne(type, source.Slice(i * size, size));
    }

    /// <summary>Encodes floats as F32, F64, F16 or BF16 (round to nearest even).</summary>
    public static byte[] Encode(SafeTensorDType type, ReadOnlySpan<float> values)
    {
        var bytes = new byte[(long)values.Length * SafeTensorDTypes.SizeOf(type)];
        for (var i = 0; i < values.Length; i++)
        {
            switch (type)
            {
                case SafeTensorDType.F32: BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]); break;
                case SafeTensorDType.F64: BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]); break;
                case SafeTensorDType.F16: BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(2 * i), (Half)values[i]); break;
                case SafeTensorDType.BF16: BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), ToBFloat16(values[i])); break;
                default: throw new ArgumentException($"Writing float data as {SafeTensorDTypes.Name(type)} is not supported (use F32, F64, F16 or BF16).", nameof(type));
            }
        }
        return bytes;
    }

    /// <summary>Encodes doubles as F64 or F32.</summary>
    public static byte[] Encode(SafeTensorDType type, ReadOnlySpan<double> values)
    {
        var bytes = new byte[(long)values.Length * SafeTensorDTypes.SizeOf(type)];
        for (var i = 0; i < values.Length; i++)
        {
            switch (type)
            {
                case SafeTensorDType.F64: BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]); break;
                case SafeTensorDType.F32: BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), (float)values[i]); break;
                default: throw new ArgumentException($"Writing double data as {SafeTensorDTypes.Name(type)} is not supported (use F64 or F32).", nameof(type));
            }
        }
        return bytes;
    }

    private static double DecodeOne(SafeTensorDType type, ReadOnlySpan<byte> b) => type switch
    {
        SafeTensorDType.BOOL => b[0] != 0 ? 1 : 0,
        SafeTensorDType.U8 => b[0],
        SafeTensorDType.I8 => (sbyte)b[0],
        SafeTensorDType.F8_E5M2 => (double)BitConverter.UInt16BitsToHalf((ushort)(b[0] << 8)),
        SafeTensorDType.F8_E4M3 => FromE4M3(b[0]),
        SafeTensorDType.I16 => BinaryPrimitives.ReadInt16LittleEndian(b),
        SafeTensorDType.U16 => BinaryPrimitives.ReadUInt16LittleEndian(b),
        SafeTensorDType.F16 => (double)BinaryPrimitives.ReadHalfLittleEndian(b),
        SafeTensorDType.BF16 => BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(b) << 16),
        SafeTensorDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(b),
        SafeTensorDType.U32 => BinaryPrimitives.ReadUInt32LittleEndian(b),
        SafeTensorDType.F32 => BinaryPrimitives.ReadSingleLittleEndian(b),
        SafeTensorDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(b),
        SafeTensorDType.U64 => BinaryPrimitives.ReadUInt64LittleEndian(b),
        _ => BinaryPrimitives.ReadDoubleLittleEndian(b),
    };

    /// <summary>float8 e4m3fn: bias 7, no infinities, S.1111.111 is NaN.</summary>
    private static double FromE4M3(byte b)
    {
        var sign = (b & 0x80) != 0 ? -1.0 : 1.0;
        var exponent = (b >> 3) & 0xF;
        var mantissa = b & 0x7;
        if (exponent == 0xF && mantissa == 0x7) return double.NaN;
        return exponent == 0
            ? sign * mantissa / 8.0 * Math.Pow(2, -6)
            : sign * (1 + mantissa / 8.0) * Math.Pow(2, exponent - 7);
    }

    /// <summary>Single → bfloat16 bits, round to nearest even; NaN stays a quiet NaN.</summary>
    private static ushort ToBFloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x0040);
        var rounding = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }
}
