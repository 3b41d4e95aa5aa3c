using System;
using Teleport.Data;

namespace Teleport.Training;

/// <summary>
/// Evaluates a model on a data set through <see cref="IDifferentiableModel{T}.Predict"/>, in chunks of
/// contiguous samples, without allocating after construction. Losses are computed from the outputs in
/// double precision: softmax cross-entropy log Σⱼ exp(zⱼ) − z_y per sample (shifted by the row maximum),
/// averaged over samples, as PyTorch's <c>CrossEntropyLoss</c>; or the squared error averaged over all
/// output values, as <c>MSELoss</c>. Accuracy takes the first largest output as the prediction
/// (<c>argmax</c>). One thread at a time, with the model not in use elsewhere meanwhile: the evaluator keeps one output
/// buffer, and the model's members share one workspace.
/// </summary>
public sealed class Evaluator
{
    private readonly IDifferentiableModel<float> _model;
    private readonly float[] _outputs;

    /// <summary>Creates an evaluator calling <c>Predict</c> on at most <paramref name="chunkSize"/> samples at a time.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is below 1, or its outputs
    /// (chunkSize · the model's output size, allocated here) are more than an array holds.</exception>
    public Evaluator(IDifferentiableModel<float> model, int chunkSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSize);
        long outputs = (long)chunkSize * model.Info.OutputSize;
        if (outputs > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize,
                $"{chunkSize} samples of {model.Info.OutputSize} outputs are {outputs} values, more than an array holds; use a smaller chunk.");
        _model = model;
        ChunkSize = chunkSize;
        _outputs = new float[outputs];
    }

    /// <summary>Samples per <c>Predict</c> call.</summary>
    public int ChunkSize { get; }

    /// <summary>The model's mean loss and accuracy (classification) on <paramref name="set"/>.</summary>
    /// <exception cref="ArgumentException">The set does not fit the model, or is empty.</exception>
    public EvaluationResult Evaluate(Dataset set)
    {
        ArgumentNullException.ThrowIfNull(set);
        ModelDataCheck.Check(_model, set, nameof(set));
        if (set.Count == 0) throw new ArgumentException($"{set.Name} is empty.", nameof(set));
        var width = _model.Info.OutputSize;
        double lossSum = 0;
        long correct = 0;
        for (var start = 0; start < set.Count; start += ChunkSize)
        {
            var n = Math.Min(ChunkSize, set.Count - start);
            var outputs = _outputs.AsSpan(0, n * width);
            _model.Predict(set.FeatureRows(start, n), outputs);
            if (set.IsClassification)
            {
                var labels = set.LabelRange(start, n);
                for (var i = 0; i < n; i++)
                {
                    var row = outputs.Slice(i * width, width);
                    lossSum += CrossEntropy(row, labels[i], out var predicted);
                    if (predicted == labels[i]) correct++;
                }
            }
            else
            {
                var targets = set.TargetRows(start, n);
                for (var i = 0; i < outputs.Length; i++)
                {
                    var d = (double)outputs[i] - targets[i];
                    lossSum += d * d;
                }
            }
        }
        return set.IsClassification
            ? new EvaluationResult(lossSum / set.Count, (double)correct / set.Count)
            : new EvaluationResult(lossSum / ((double)set.Count * width), null);
    }

    private static double CrossEntropy(ReadOnlySpan<float> logits, int label, out int argmax)
    {
        argmax = 0;
        for (var j = 1; j < logits.Length; j++)
            if (logits[j] > logits[argmax]) argmax = j;
        double max = logits[argmax];
        double sum = 0;
        foreach (var z in logits) sum += Math.Exp(z - max);
        return Math.Log(sum) + max - logits[label];
    }
}
