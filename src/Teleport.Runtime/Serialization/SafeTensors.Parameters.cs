using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using Teleport.Data;

namespace Teleport.Serialization;

// A generated network's Parameters ↔ a safetensors file with one tensor per PyTorch state_dict entry.
public static partial class SafeTensors
{
    /// <summary>
    /// Writes a network's parameters as a PyTorch-compatible state_dict file: one tensor per entry of
    /// <see cref="NetworkInfo.Tensors"/> (<c>fc0.weight</c> [out, in], <c>fc0.bias</c> [out], …), stored as
    /// F32 for float parameters and F64 for double ones. Atomic.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is NaN or infinite (named by tensor and element): nothing is written.</exception>
    public static void WriteParameters<T>(string path, NetworkInfo info, ReadOnlySpan<T> parameters, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Write(path, ParameterTensors(info, parameters), metadata);
    }

    /// <summary>The state_dict tensors of a network's parameters (F32 for float, F64 for double).</summary>
    public static List<SafeTensor> ParameterTensors<T>(NetworkInfo info, ReadOnlySpan<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T> => ParameterTensors(info, parameters, "");

    /// <summary>
    /// The state_dict tensors of a network's parameters with every name prefixed (<c>update.lstm0.weight_ih</c>: the
    /// network as a submodule of a PyTorch container), so that several networks share one file.
    /// </summary>
    public static List<SafeTensor> ParameterTensors<T>(NetworkInfo info, ReadOnlySpan<T> parameters, string prefix)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(info);
        if (parameters.Length != info.ParameterCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{info.Name} has {info.ParameterCount} parameters; got {parameters.Length}."), nameof(parameters));
        var tensors = new List<SafeTensor>(info.Tensors.Count);
        foreach (var t in info.Tensors)
        {
            var shape = new int[t.Shape.Count];
            for (var i = 0; i < shape.Length; i++) shape[i] = t.Shape[i];
            var values = parameters.Slice(t.Offset, t.Length);
            var doubles = new double[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                doubles[i] = double.CreateTruncating(values[i]);
                // A file ReadParameters refuses should not be written: it wrote a diverged network's NaNs and read them back as an error.
                if (!double.IsFinite(doubles[i]))
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{info.Name}'s tensor \"{prefix + t.Name}\" holds {doubles[i]} at element {i}: parameters are written finite, as ReadParameters reads them."), nameof(parameters));
            }
            tensors.Add(typeof(T) == typeof(float)
                ? SafeTensor.FromDouble(prefix + t.Name, shape, doubles, SafeTensorDType.F32)
                : SafeTensor.FromDouble(prefix + t.Name, shape, doubles, SafeTensorDType.F64));
        }
        return tensors;
    }

    /// <summary>
    /// Reads a state_dict file into a network's parameters. Every tensor of <see cref="NetworkInfo.Tensors"/>
    /// must be present with the same shape (any floating dtype, converted) and hold finite values in
    /// <typeparamref name="T"/>; a missing, extra or misshapen tensor, or a NaN or infinite weight (also one
    /// that overflows when converted), throws <see cref="TeleportDataException"/> naming the tensor and element.
    /// Nothing is written to <paramref name="parameters"/> unless the whole file is good. Returns the file's metadata.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadParameters<T>(string path, NetworkInfo info, Span<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(info);
        if (parameters.Length != info.ParameterCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{info.Name} has {info.ParameterCount} parameters; got a buffer of {parameters.Length}."), nameof(parameters));
        return ReadParameters(Read(path), path, info, parameters, "");
    }

    /// <summary>
    /// As <see cref="ReadParameters{T}(string, NetworkInfo, Span{T})"/> for the tensors of an already read
    /// <paramref name="file"/> whose names start with <paramref name="prefix"/> (one network of several in a file):
    /// every such tensor must be a parameter of <paramref name="info"/>, every parameter present.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadParameters<T>(SafeTensorsFile file, string path, NetworkInfo info, Span<T> parameters, string prefix)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(prefix);
        if (parameters.Length != info.ParameterCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{info.Name} has {info.ParameterCount} parameters; got a buffer of {parameters.Length}."), nameof(parameters));
        foreach (var t in file.Tensors)
            if (t.Name.StartsWith(prefix, StringComparison.Ordinal) && info.FindTensor(t.Name[prefix.Length..]) is null)
                throw new TeleportDataException(path, $"tensor \"{t.Name}\" is not a parameter of {info.Name} (expected: {ExpectedNames(info, prefix)})");
        var values = new T[parameters.Length];
        foreach (var t in info.Tensors)
        {
            if (!file.TryGetTensor(prefix + t.Name, out var tensor))
                throw new TeleportDataException(path, $"tensor \"{prefix + t.Name}\" of {info.Name} is missing");
            if (!SameShape(tensor.Shape, t.Shape))
                throw new TeleportDataException(path, $"tensor \"{prefix + t.Name}\" has shape [{string.Join(", ", tensor.Shape)}], {info.Name} needs [{string.Join(", ", t.Shape)}]");
            if (tensor.DType is not (SafeTensorDType.F16 or SafeTensorDType.BF16 or SafeTensorDType.F32 or SafeTensorDType.F64))
                throw new TeleportDataException(path, $"tensor \"{prefix + t.Name}\" has dtype {SafeTensorDTypes.Name(tensor.DType)}, not a float type");
            var stored = tensor.ToDoubleArray();
            var destination = values.AsSpan(t.Offset, t.Length);
            for (var i = 0; i < stored.Length; i++)
            {
                destination[i] = T.CreateTruncating(stored[i]);
                if (!T.IsFinite(destination[i]))
                    throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                        $"tensor \"{prefix + t.Name}\" holds a non-finite value ({stored[i]}{(double.IsFinite(stored[i]) ? $", beyond {typeof(T).Name}'s range" : "")}) at element {i}"));
            }
        }
        values.CopyTo(parameters);
        return file.Metadata;
    }

    private static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (a[i] != b[i]) return false;
        return true;
    }

    private static string ExpectedNames(NetworkInfo info, string prefix)
    {
        var names = new List<string>(info.Tensors.Count);
        foreach (var t in info.Tensors) names.Add(prefix + t.Name);
        return string.Join(", ", names);
    }
}
