using System;
using System.Diagnostics;
using Teleport.Data;

namespace AotInference;

/// <summary>One pass of a <see cref="Classifier"/> over a labelled data set, image by image.</summary>
public static class Evaluation
{
    /// <summary>
    /// Classifies every image of <paramref name="data"/> and returns how many were right. When
    /// <paramref name="latencyTicks"/> is not empty, it receives each image's classification time in
    /// <see cref="Stopwatch"/> ticks (one entry per image). Allocates nothing.
    /// </summary>
    public static int CountCorrect(Classifier classifier, Dataset data, Span<long> latencyTicks)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(data);
        var timed = !latencyTicks.IsEmpty;
        if (timed && latencyTicks.Length != data.Count)
            throw new ArgumentException($"Need one latency slot per image ({data.Count}), got {latencyTicks.Length}.", nameof(latencyTicks));
        var labels = data.Labels;
        var correct = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var image = data.FeatureRow(i);
            var start = timed ? Stopwatch.GetTimestamp() : 0;
            var predicted = classifier.Classify(image);
            if (timed) latencyTicks[i] = Stopwatch.GetTimestamp() - start;
            if (predicted == labels[i]) correct++;
        }
        return correct;
    }
}
