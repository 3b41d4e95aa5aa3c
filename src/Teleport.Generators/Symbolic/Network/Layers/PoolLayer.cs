using System.Collections.Generic;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network.Layers;

/// <summary>
/// The [MaxPool2d] and [AvgPool2d] layer kinds: no parameters; lowered to one linear op with a data-dependent
/// selector for max pooling, H′ = PoolGather(H, H) (H at the argmax of each window of H), and to H′ = AveragePool(H)
/// for average pooling. Their derivatives come from those ops' rules (PoolScatter, AveragePoolAdjoint).
/// </summary>
internal static class PoolLayer
{
    /// <summary>The derived layer for <paramref name="spec"/>: no tensors, σ the identity, width the channel count.</summary>
    public static DerivedLayer Derive(PoolLayerSpec spec, ActivationAnalyses analyses)
    {
        var identity = Expr.Var(ActivationLanguage.InputVariable);
        var properties = analyses.Of(identity);
        return new DerivedLayer(spec.Kind, spec.Index, spec.InputSize, spec.Input.Channels, "", OperatorNames.Of("", spec.Index),
            properties.Activation, properties, null, null, EquatableArray<ParameterTensor>.Empty, spec);
    }

    /// <summary>The op geometry of a pooling spec.</summary>
    public static PoolGeometry Geometry(PoolLayerSpec spec) => new(spec.Input.Channels, spec.Input.Height, spec.Input.Width, spec.Kernel);

    /// <summary>Appends H′ = maxpool(H) or avgpool(H); the last layer writes to <paramref name="outputStorage"/>.</summary>
    public static LayerTensors Lower(DerivedLayer layer, Tensor input, bool last, TensorStorage outputStorage, List<Statement> statements)
    {
        var spec = (PoolLayerSpec)layer.Spec;
        var geometry = Geometry(spec);
        var i = layer.Index;
        var pooled = new Tensor($"h{i}", $"H{i}", Tensor.Batch, geometry.OutputSize, last ? outputStorage : TensorStorage.Workspace);
        statements.Add(spec.IsMax ? new PoolGather(pooled, input, input, geometry) : new AveragePool(pooled, input, geometry));
        return new LayerTensors(input, pooled, pooled);
    }
}
