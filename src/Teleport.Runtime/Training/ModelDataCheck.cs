using System;
using System.Globalization;
using Teleport.Data;

namespace Teleport.Training;

/// <summary>Checks, before any work, that a data set fits a model: features, outputs and the kind of targets.</summary>
internal static class ModelDataCheck
{
    public static void Check(IDifferentiableModel<float> model, Dataset set, string argument)
    {
        var info = model.Info;
        var c = CultureInfo.InvariantCulture;
        if (set.FeatureCount != info.InputSize)
            throw new ArgumentException(string.Create(c, $"{set.Name} has {set.FeatureCount} features per sample but {info.Name} takes {info.InputSize} inputs."), argument);
        if (set.OutputCount != info.OutputSize)
            throw new ArgumentException(string.Create(c, $"{set.Name} has {set.OutputCount} {(set.IsClassification ? "classes" : "targets")} but {info.Name} has {info.OutputSize} outputs."), argument);
        // Images must have the first layer's shape, not only its size: 14×56 images read as 28×28 trained a CNN on
        // scrambled pixels without a word (a bad-input sweep). Compared where both sides know an image shape.
        if (info.Layers.Count > 0 && info.Layers[0].InputShape is { Count: >= 2 } wanted && set.SampleShape is { Count: >= 2 } shape
            && !System.Linq.Enumerable.SequenceEqual(wanted, shape))
            throw new ArgumentException(string.Create(c,
                $"{set.Name}'s samples are {string.Join("×", shape)} images but {info.Name}'s first layer takes {string.Join("×", wanted)}: the pixels would be read in the wrong places."), argument);
        var wantsLabels = info.Loss == LossKind.SoftmaxCrossEntropy;
        if (wantsLabels != set.IsClassification)
            throw new ArgumentException(
                $"{info.Name}'s loss is {info.Loss}, which needs {(wantsLabels ? "class labels" : "float targets")}, but {set.Name} has {(set.IsClassification ? "labels" : "targets")}.", argument);
    }
}
