using System;

namespace Teleport.Data;

/// <summary>
/// A data set's float features, [Count, FeatureCount] row-major: <see cref="Length"/> values from
/// <see cref="Offset"/> of <see cref="Storage"/>. Arrays a caller hands over start at 0; arrays Teleport makes
/// (<see cref="FeatureArrays.CreateAligned"/>) start on a 64-byte boundary, so that a row of a multiple of 16
/// floats (784: 49 cache lines) is one whole run of cache lines when a step reads it in place.
/// </summary>
internal sealed class FeatureStorage(float[] storage, int offset, int length)
{
    /// <summary>The array holding the values (possibly longer).</summary>
    public float[] Storage { get; } = storage;

    /// <summary>Where the values start in <see cref="Storage"/>.</summary>
    public int Offset { get; } = offset;

    /// <summary>Number of values.</summary>
    public int Length { get; } = length;

    /// <summary>The values.</summary>
    public Span<float> Span => new(Storage, Offset, Length);

    /// <summary>A caller's array, all of it, from its start.</summary>
    public static FeatureStorage Of(float[] array) => new(array, 0, array.Length);
}
