using System;
using Teleport.Data;

namespace Teleport.Package.Tests.Inference;

/// <summary>Seeded random 28×28 images in [0, 1] with random labels, as a <see cref="Dataset"/>.</summary>
internal static class SyntheticImages
{
    public const int Pixels = 784;

    public static Dataset Create(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * Pixels];
        var labels = new int[count];
        for (var i = 0; i < features.Length; i++) features[i] = random.Next(256) / 255f;
        for (var i = 0; i < count; i++) labels[i] = random.Next(10);
        return Dataset.Classification("synthetic", features, Pixels, labels, 10, [1, 28, 28]);
    }
}
