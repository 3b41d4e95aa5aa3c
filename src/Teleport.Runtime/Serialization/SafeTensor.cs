using System;
using System.Collections.Generic;
using System.Globalization;

namespace Teleport.Serialization;

/// <summary>
/// One named tensor of a safetensors file: element type, shape and raw little-endian bytes.
/// Names follow PyTorch's <c>state_dict</c> (<c>fc0.weight</c>, <c>fc0.bias</c>).
/// </summary>
public sealed class SafeTensor
{
    private readonly int[] _shape;
    private readonly byte[] _data;

    /// <summary>Creates a tensor from raw little-endian bytes (taken over, not copied).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a <see cref="SafeTensorDType"/>.</exception>
    /// <exception cref="ArgumentException">An empty or reserved name, a negative dimension, more than int.MaxValue elements, or
    /// <paramref name="data"/> not holding exactly the shape's elements.</exception>
    public SafeTensor(string name, SafeTensorDType dtype, ReadOnlySpan<int> shape, byte[] data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(data);
        // An undefined value was sized as 8 bytes (SizeOf's default) and written with a header name no reader knows.
        if (!Enum.IsDefined(dtype))
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, $"Tensor {name}: {(int)dtype} is not a SafeTensorDType.");
        if (name == SafeTensors.MetadataKey)
            throw new ArgumentException($"\"{SafeTensors.MetadataKey}\" is reserved for metadata and cannot name a tensor.", nameof(name));
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Tensor {name}: shape [{string.Join(", ", shape.ToArray())}] has a negative dimension.", nameof(shape));
            count *= d;
            if (count > int.MaxValue) throw new ArgumentException($"Tensor {name} has more than {int.MaxValue} elements.", nameof(shape));
        }
        if (data.Length != count * SafeTensorDTypes.SizeOf(dtype))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Tensor {name}: {count} {SafeTensorDTypes.Name(dtype)} elements need {count * SafeTensorDTypes.SizeOf(dtype)} bytes, got {data.Length}."), nameof(data));
        Name = name;
        DType = dtype;
        _shape = shape.ToArray();
        _data = data;
        ElementCount = (int)count;
    }

    /// <summary>A tensor of float values, stored as <paramref name="dtype"/> (F32 by default; F64, F16 and BF16 also).</summary>
    public static SafeTensor FromSingle(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> values, SafeTensorDType dtype = SafeTensorDType.F32) =>
        new(name, dtype, shape, SafeTensorElements.Encode(dtype, values));

    /// <summary>A tensor of double values, stored as <paramref name="dtype"/> (F64 by default; F32 also).</summary>
    public static SafeTensor FromDouble(string name, ReadOnlySpan<int> shape, ReadOnlySpan<double> values, SafeTensorDType dtype = SafeTensorDType.F64) =>
        new(name, dtype, shape, SafeTensorElements.Encode(dtype, values));

    /// <summary>The tensor's name.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafeTensorDType DType { get; }

    /// <summary>The shape (empty for a scalar).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Number of elements (product of the shape; 1 for a scalar).</summary>
    public int ElementCount { get; }

    /// <summary>The raw little-endian element bytes.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>Converts the elements to float into <paramref name="destination"/> (length must be <see cref="ElementCount"/>).</summary>
    public void CopyTo(Span<float> destination)
    {
        CheckLength(destination.Length);
        SafeTensorElements.Decode(DType, _data, destination);
    }

    /// <summary>Converts the elements to double into <paramref name="destination"/> (length must be <see cref="ElementCount"/>).</summary>
    public void CopyTo(Span<double> destination)
    {
        CheckLength(destination.Length);
        SafeTensorElements.Decode(DType, _data, destination);
    }

    /// <summary>The elements as floats.</summary>
    public float[] ToSingleArray()
    {
        var result = new float[ElementCount];
        CopyTo(result);
        return result;
    }

    /// <summary>The elements as doubles.</summary>
    public double[] ToDoubleArray()
    {
        var result = new double[ElementCount];
        CopyTo(result);
        return result;
    }

    public override string ToString() => $"{Name}: {SafeTensorDTypes.Name(DType)} [{string.Join(", ", _shape)}]";

    private void CheckLength(int length)
    {
        if (length != ElementCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Tensor {Name} has {ElementCount} elements; the destination holds {length}."), "destination");
    }
}
