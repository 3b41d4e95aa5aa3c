using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;
using Teleport.Generators.Symbolic.Symmetry;

namespace Teleport.Generators.Emit;

/// <summary>Emits the file-local holder of the network's NetworkInfo: layers, formulas, tensors.</summary>
internal static class InfoEmitter
{
    public const string HolderName = EmittedNames.InfoHolder;

    public static void Emit(CodeWriter w, DerivedNetwork network)
    {
        var spec = network.Spec;
        w.Doc($"The derived description of {spec.Type.Name}.");
        using (w.Open($"file static class {HolderName}"))
        {
            w.Line($"public static readonly {TypeNames.NetworkInfo} Value = new(");
            w.Line($"    {Literals.String(spec.Type.Name)}, {Literals.Int(spec.Inputs)}, {Literals.Int(spec.Outputs)}, {TypeNames.LossKind}.{spec.Loss},");
            w.Line($"    new {TypeNames.LayerInfo}[]");
            w.Line("    {");
            foreach (var layer in network.Layers) w.Line("        " + Layer(layer) + ",");
            w.Line("    },");
            w.Line($"    new {TypeNames.ParameterTensorInfo}[]");
            w.Line("    {");
            foreach (var layer in network.Layers)
                foreach (var tensor in layer.Tensors)
                    w.Line("        " + Tensor(tensor) + ",");
            w.Line("    },");
            if (network.Symmetries.Count == 0)
            {
                w.Line($"    global::System.Array.Empty<{TypeNames.SymmetryInfo}>());");
                return;
            }
            w.Line($"    new {TypeNames.SymmetryInfo}[]");
            w.Line("    {");
            foreach (var s in network.Symmetries) Symmetry(w, s);
            w.Line("    });");
        }
    }

    /// <summary>One SymmetryInfo with named arguments: the typed fields the teleporter reads, then the texts.</summary>
    private static void Symmetry(CodeWriter w, DerivedSymmetry s)
    {
        var limit = s.IsExact ? $"{TypeNames.SymmetryInfo}.AnyBatch" : Literals.Int(s.ExactBatchLimit);
        w.Line($"        new {TypeNames.SymmetryInfo}(");
        w.Line($"            Id: {Literals.String(s.Id)}, Kind: {TypeNames.SymmetryKind}.{s.Kind}, Group: {TypeNames.SymmetryGroup}.{s.Group},");
        w.Line($"            Layer: {Literals.Int(s.Layer)}, NextLayer: {Literals.Int(s.NextLayer)}, Width: {Literals.Int(s.Width)}, Dimension: {Literals.Int(s.Dimension)},");
        w.Line($"            ExactBatchLimit: {limit}, IsDataDependent: {Literals.Bool(s.IsDataDependent)},");
        w.Line($"            GroupName: {Literals.String(s.GroupName)},");
        w.Line($"            Condition: {Literals.String(s.Condition)},");
        w.Line($"            Action: {Literals.String(s.Action)},");
        w.Line($"            Adjoint: {Literals.String(s.Adjoint)}),");
    }

    private static string Layer(DerivedLayer layer)
    {
        var p = layer.Properties;
        var text = layer.ActivationText.Length == 0 ? "identity" : layer.ActivationText;
        return $"new {TypeNames.LayerInfo}({Literals.Int(layer.Index)}, {Literals.Int(layer.InputSize)}, {Literals.Int(layer.OutputSize)}, {Literals.Bool(layer.Bias is not null)}, " +
               $"{Literals.String(text)}, {Literals.String(MathText.Format(layer.Activation))}, {Literals.String(MathText.Format(p.FirstDerivative))}, " +
               $"{Literals.String(MathText.Format(p.SecondDerivative))}, {Literals.String(p.Inverse is null ? null : MathText.Format(p.Inverse))}, {Literals.String(PropertyText(p))})" +
               ImageFields(layer.Spec);
    }

    /// <summary>A non-dense layer's kind (and an image layer's images and window) as init properties (nothing for a dense layer).</summary>
    private static string ImageFields(Model.LayerSpec spec)
    {
        if (spec is Model.LstmLayerSpec) return $" {{ Kind = {TypeNames.LayerKind}.{spec.Kind} }}";
        if (spec.InputImage is not { } input || spec.OutputImage is not { } output) return "";
        static string Shape(Model.ImageShape s) => $"new[] {{ {Literals.Int(s.Channels)}, {Literals.Int(s.Height)}, {Literals.Int(s.Width)} }}";
        var (kernel, stride, padding) = spec switch
        {
            Model.Conv2dLayerSpec conv => (conv.Kernel, conv.Stride, conv.Padding),
            Model.PoolLayerSpec pool => (pool.Kernel, pool.Kernel, 0),
            _ => (0, 0, 0),
        };
        return $" {{ Kind = {TypeNames.LayerKind}.{spec.Kind}, InputShape = {Shape(input)}, OutputShape = {Shape(output)}, " +
               $"Kernel = {Literals.Int(kernel)}, Stride = {Literals.Int(stride)}, Padding = {Literals.Int(padding)} }}";
    }

    /// <summary>"positively homogeneous, strictly increasing, range (−1, 1)".</summary>
    public static string PropertyText(ActivationProperties p)
    {
        var parts = new List<string>();
        if (p.IsIdentity) parts.Add("identity");
        if (p.IsPositivelyHomogeneous) parts.Add("positively homogeneous");
        if (p.IsStrictlyIncreasing) parts.Add("strictly increasing");
        if (p.IsPiecewiseLinear) parts.Add("piecewise linear");
        if (p.Inverse is not null) parts.Add("invertible");
        parts.Add("range " + p.Range);
        return string.Join(", ", parts);
    }

    private static string Tensor(ParameterTensor t) =>
        $"new {TypeNames.ParameterTensorInfo}({Literals.String(t.Name)}, new[] {{ {string.Join(", ", t.Shape.Select(Literals.Int))} }}, {Literals.Int(t.Tensor.Offset)}, {Literals.Int(t.Length)})";
}
