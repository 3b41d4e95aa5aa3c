namespace Teleport.Serialization;

/// <summary>The element types of the safetensors format, named as in its header (<c>"F32"</c>…).</summary>
public enum SafeTensorDType
{
    /// <summary>Boolean, one byte (0 or 1).</summary>
    BOOL,

    /// <summary>Unsigned 8-bit integer.</summary>
    U8,

    /// <summary>Signed 8-bit integer.</summary>
    I8,

    /// <summary>8-bit float, 5 exponent bits, 2 mantissa bits.</summary>
    F8_E5M2,

    /// <summary>8-bit float, 4 exponent bits, 3 mantissa bits (the "fn" variant: no infinities).</summary>
    F8_E4M3,

    /// <summary>Signed 16-bit integer.</summary>
    I16,

    /// <summary>Unsigned 16-bit integer.</summary>
    U16,

    /// <summary>IEEE half precision.</summary>
    F16,

    /// <summary>bfloat16: the high 16 bits of an IEEE single.</summary>
    BF16,

    /// <summary>Signed 32-bit integer.</summary>
    I32,

    /// <summary>Unsigned 32-bit integer.</summary>
    U32,

    /// <summary>IEEE single precision.</summary>
    F32,

    /// <summary>Signed 64-bit integer.</summary>
    I64,

    /// <summary>Unsigned 64-bit integer.</summary>
    U64,

    /// <summary>IEEE double precision.</summary>
    F64,
}

/// <summary>Sizes and header names of <see cref="SafeTensorDType"/>.</summary>
public static class SafeTensorDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int SizeOf(SafeTensorDType type) => type switch
    {
        SafeTensorDType.BOOL or SafeTensorDType.U8 or SafeTensorDType.I8 or SafeTensorDType.F8_E5M2 or SafeTensorDType.F8_E4M3 => 1,
        SafeTensorDType.I16 or SafeTensorDType.U16 or SafeTensorDType.F16 or SafeTensorDType.BF16 => 2,
        SafeTensorDType.I32 or SafeTensorDType.U32 or SafeTensorDType.F32 => 4,
        _ => 8,
    };

    /// <summary>The header name, e.g. <c>F32</c>.</summary>
    public static string Name(SafeTensorDType type) => type switch
    {
        SafeTensorDType.BOOL => "BOOL",
        SafeTensorDType.U8 => "U8",
        SafeTensorDType.I8 => "I8",
        SafeTensorDType.F8_E5M2 => "F8_E5M2",
        SafeTensorDType.F8_E4M3 => "F8_E4M3",
        SafeTensorDType.I16 => "I16",
        SafeTensorDType.U16 => "U16",
        SafeTensorDType.F16 => "F16",
        SafeTensorDType.BF16 => "BF16",
        SafeTensorDType.I32 => "I32",
        SafeTensorDType.U32 => "U32",
        SafeTensorDType.F32 => "F32",
        SafeTensorDType.I64 => "I64",
        SafeTensorDType.U64 => "U64",
        _ => "F64",
    };

    /// <summary>Parses a header name (exact, upper case); false for an unknown name.</summary>
    public static bool TryParse(string name, out SafeTensorDType type)
    {
        for (var t = SafeTensorDType.BOOL; t <= SafeTensorDType.F64; t++)
        {
            if (Name(t) == name)
            {
                type = t;
                return true;
            }
        }
        type = default;
        return false;
    }
}
