using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Teleport.Data;

namespace AotInference;

/// <summary>
/// The command line: classify the Fashion-MNIST test set one image at a time with a weights file and
/// report accuracy and per-image latency, or export a deterministically initialised weights file.
/// Problems a user can cause end with one line on the error writer and a non-zero exit code:
/// 1 for an unusable weights file or data folder, 2 for a usage error.
/// </summary>
public static class InferenceApp
{
    public const int Success = 0;
    public const int DataError = 1;
    public const int UsageError = 2;

    public const string Usage =
        "usage: AotInference WEIGHTS.safetensors [FASHION_MNIST_FOLDER] [--warmup-passes N]\n" +
        "       AotInference --export-random-weights FILE [--seed N]\n" +
        "Classifies the Fashion-MNIST test set (default folder " + FashionMnist.DefaultDirectory + ") one image at a time\n" +
        "with the 784-16-10-10 leaky_relu(0.1) network (tensors fc0.weight, fc1.weight, fc2.weight) and prints\n" +
        "the accuracy and the per-image latency (median, p99) measured after the warm-up passes (default 1).";

    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!InferenceOptions.TryParse(args, out var options, out var problem))
        {
            error.WriteLine($"error: {problem} (see --help)");
            return UsageError;
        }
        if (options.ShowHelp)
        {
            output.WriteLine(Usage);
            return Success;
        }
        return options.ExportPath is { } exportPath
            ? Export(exportPath, options.Seed, output, error)
            : Classify(options, output, error);
    }

    private static int Export(string path, int seed, TextWriter output, TextWriter error)
    {
        if (!TryRun("weights", error, () => WeightsFile.ExportRandom(path, seed))) return DataError;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {path}: FashionMlp, {FashionMlp.ParameterCount} parameters initialised with seed {seed}"));
        return Success;
    }

    private static int Classify(InferenceOptions options, TextWriter output, TextWriter error)
    {
        var c = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        FashionMlp? model = null;
        if (!TryRun("weights", error, () => model = WeightsFile.Load(options.WeightsPath!))) return DataError;
        var weightsSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        Dataset? test = null;
        if (!TryRun("data", error, () => test = LoadTestSet(options.DataFolder))) return DataError;
        var dataSeconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(c, $"weights: {options.WeightsPath} ({FashionMlp.ParameterCount} parameters) in {weightsSeconds * 1e3:F1} ms"));
        output.WriteLine(string.Create(c, $"data: {test!.Count} test images from {Path.GetFullPath(options.DataFolder)} in {dataSeconds * 1e3:F1} ms"));

        var classifier = new Classifier(model!);
        for (var pass = 0; pass < options.WarmupPasses; pass++)
            Evaluation.CountCorrect(classifier, test, Span<long>.Empty);
        var latencies = new long[test.Count];
        clock.Restart();
        var correct = Evaluation.CountCorrect(classifier, test, latencies);
        var passSeconds = clock.Elapsed.TotalSeconds;
        var summary = LatencySummary.FromTicks(latencies);

        output.WriteLine(string.Create(c, $"accuracy: {(double)correct / test.Count:F4} ({correct}/{test.Count})"));
        output.WriteLine(string.Create(c,
            $"latency per image: median {summary.MedianMicroseconds:F2} µs, p99 {summary.P99Microseconds:F2} µs, mean {summary.MeanMicroseconds:F2} µs ({summary.Count} images after {options.WarmupPasses} warm-up pass(es); {test.Count / passSeconds:F0} images/s)"));
        return Success;
    }

    /// <summary>The official 10 000 test images (the training files are located but not read).</summary>
    private static Dataset LoadTestSet(string folder)
    {
        var paths = Mnist.Locate(folder, "Fashion-MNIST");
        var test = Mnist.LoadPart(paths[2], paths[3], "fashion-mnist/test");
        if (test.FeatureCount != FashionMlp.InputSize)
            throw new TeleportDataException(paths[2], string.Create(CultureInfo.InvariantCulture,
                $"images have {test.FeatureCount} pixels; the network needs {FashionMlp.InputSize} (28×28)"));
        return test;
    }

    /// <summary>Runs <paramref name="action"/>; a file problem becomes one line "error: what: message".</summary>
    private static bool TryRun(string what, TextWriter error, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is TeleportDataException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {what}: {OneLine(e.Message)}");
            return false;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
