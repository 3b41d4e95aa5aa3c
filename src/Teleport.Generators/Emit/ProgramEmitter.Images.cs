using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

// The image ops (convolutions, poolings) as kernel calls, their shapes as constants.
internal sealed partial class ProgramEmitter
{
    private void EmitImage(CodeWriter w, ImageStatement statement)
    {
        switch (statement)
        {
            case Convolution c:
                var kernel = c.Kind switch
                {
                    ConvolutionKind.Forward => "Forward",
                    ConvolutionKind.InputAdjoint => "InputAdjoint",
                    _ => "WeightAdjoint",
                };
                w.Line($"{TypeNames.Convolution2d}.{kernel}<{_scalar}>({Name(c.Left)}, {Name(c.Right)}, {Name(c.Result)}, {Batch}, {Shape(c.Geometry)}, accumulate: {Bool(c.Adds)});");
                break;
            case PoolGather g:
                w.Line($"{TypeNames.Pooling}.MaxGather<{_scalar}>({Name(g.Values)}, {Name(g.Selector)}, {Name(g.Result)}, {Batch}, {Shape(g.Geometry)});");
                break;
            case PoolScatter s:
                w.Line($"{TypeNames.Pooling}.MaxScatter<{_scalar}>({Name(s.Values)}, {Name(s.Selector)}, {Name(s.Result)}, {Batch}, {Shape(s.Geometry)}, accumulate: {Bool(s.Adds)});");
                break;
            case AveragePool a:
                w.Line($"{TypeNames.Pooling}.Average<{_scalar}>({Name(a.Values)}, {Name(a.Result)}, {Batch}, {Shape(a.Geometry)});");
                break;
            case AveragePoolAdjoint a:
                w.Line($"{TypeNames.Pooling}.AverageAdjoint<{_scalar}>({Name(a.Values)}, {Name(a.Result)}, {Batch}, {Shape(a.Geometry)}, accumulate: {Bool(a.Adds)});");
                break;
            default:
                throw new System.InvalidOperationException("No lowering for " + statement.GetType().Name);
        }
    }

    /// <summary>new ConvolutionShape(inChannels, height, width, outChannels, kernel, stride, padding) with constants.</summary>
    private static string Shape(ConvolutionGeometry g) =>
        $"new {TypeNames.ConvolutionShape}({Int(g.InChannels)}, {Int(g.Height)}, {Int(g.Width)}, {Int(g.OutChannels)}, {Int(g.Kernel)}, {Int(g.Stride)}, {Int(g.Padding)})";

    /// <summary>new PoolShape(channels, height, width, kernel) with constants.</summary>
    private static string Shape(PoolGeometry g) =>
        $"new {TypeNames.PoolShape}({Int(g.Channels)}, {Int(g.Height)}, {Int(g.Width)}, {Int(g.Kernel)})";
}
