namespace Teleport.Data;

/// <summary>The element type code of an IDX file (its third byte).</summary>
public enum IdxDataType : byte
{
    /// <summary>0x08: unsigned byte (MNIST images and labels).</summary>
    UnsignedByte = 0x08,

    /// <summary>0x09: signed byte.</summary>
    SignedByte = 0x09,

    /// <summary>0x0B: big-endian 16-bit integer.</summary>
    Int16 = 0x0B,

    /// <summary>0x0C: big-endian 32-bit integer.</summary>
    Int32 = 0x0C,

    /// <summary>0x0D: big-endian 32-bit float.</summary>
    Single = 0x0D,

    /// <summary>0x0E: big-endian 64-bit float.</summary>
    Double = 0x0E,
}

/// <summary>Sizes and names of <see cref="IdxDataType"/> codes.</summary>
public static class IdxDataTypes
{
    /// <summary>Bytes per element, or 0 for a code that is not an IDX type.</summary>
    public static int SizeOf(IdxDataType type) => type switch
    {
        IdxDataType.UnsignedByte or IdxDataType.SignedByte => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Single => 4,
        IdxDataType.Double => 8,
        _ => 0,
    };

    /// <summary>A readable name of the type, e.g. <c>0x0D (float32)</c>.</summary>
    public static string Describe(IdxDataType type) => type switch
    {
        IdxDataType.UnsignedByte => "0x08 (unsigned byte)",
        IdxDataType.SignedByte => "0x09 (signed byte)",
        IdxDataType.Int16 => "0x0B (int16)",
        IdxDataType.Int32 => "0x0C (int32)",
        IdxDataType.Single => "0x0D (float32)",
        IdxDataType.Double => "0x0E (float64)",
        _ => $"0x{(byte)type:X2} (not an IDX type)",
    };
}
