using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Teleport.Serialization;

/// <summary>The content of a safetensors file: its tensors (in data order) and its string metadata.</summary>
public sealed class SafeTensorsFile
{
    private readonly Dictionary<string, SafeTensor> _byName;

    /// <summary>Creates the content from tensors (unique names) and metadata.</summary>
    /// <exception cref="ArgumentNullException">A list, or a tensor in the list, is null (a null tensor was a NullReferenceException).</exception>
    /// <exception cref="ArgumentException">Two tensors have one name.</exception>
    public SafeTensorsFile(IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        _byName = new Dictionary<string, SafeTensor>(StringComparer.Ordinal);
        foreach (var t in tensors)
            if (!_byName.TryAdd((t ?? throw new ArgumentNullException(nameof(tensors), "A tensor in the list is null.")).Name, t))
                throw new ArgumentException($"Duplicate tensor name \"{t.Name}\".", nameof(tensors));
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The tensors, in the order of their data in the file.</summary>
    public IReadOnlyList<SafeTensor> Tensors { get; }

    /// <summary>The <c>__metadata__</c> entries (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> naming it when absent.</summary>
    public SafeTensor this[string name] => _byName.TryGetValue(name, out var t) ? t
        : throw new KeyNotFoundException($"No tensor named \"{name}\" (tensors: {string.Join(", ", _byName.Keys)}).");

    /// <summary>Finds a tensor by name.</summary>
    public bool TryGetTensor(string name, [NotNullWhen(true)] out SafeTensor? tensor) => _byName.TryGetValue(name, out tensor);
}
