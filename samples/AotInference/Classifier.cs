using System;
using System.Numerics.Tensors;

namespace AotInference;

/// <summary>
/// Classifies one image at a time: the generated <see cref="FashionMlp.Predict"/> into a logits buffer
/// owned by this object, then argmax. Allocation-free after the first call (which sizes the model's
/// workspace for a batch of one).
/// </summary>
public sealed class Classifier
{
    private readonly FashionMlp _model;
    private readonly float[] _logits = new float[FashionMlp.OutputSize];

    /// <summary>A classifier over <paramref name="model"/>'s current parameters.</summary>
    public Classifier(FashionMlp model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
    }

    /// <summary>The logits of the last classified image.</summary>
    public ReadOnlySpan<float> Logits => _logits;

    /// <summary>The predicted class of one image of <see cref="FashionMlp.InputSize"/> pixels.</summary>
    public int Classify(ReadOnlySpan<float> image)
    {
        _model.Predict(image, _logits);
        // The first index of the largest logit (a NaN logit wins, so a broken model shows as class of the NaN).
        return TensorPrimitives.IndexOfMax<float>(_logits);
    }
}
