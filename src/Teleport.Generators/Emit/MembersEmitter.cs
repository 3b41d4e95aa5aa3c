using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>
/// What every per-precision member emitter shares: the network, its storage plan and operators,
/// the program lowering for this precision, and the C# spellings of its span and target types.
/// </summary>
internal abstract class MembersEmitter
{
    protected MembersEmitter(DerivedNetwork network, WorkspacePlan storage, OperatorTable operators, string scalar)
    {
        Network = network;
        Storage = storage;
        Operators = operators;
        T = scalar;
        Programs = new ProgramEmitter(storage, operators, scalar);
        Labels = network.Spec.Loss == NetworkLoss.SoftmaxCrossEntropy;
    }

    protected DerivedNetwork Network { get; }
    protected WorkspacePlan Storage { get; }
    protected OperatorTable Operators { get; }
    protected ProgramEmitter Programs { get; }

    /// <summary>The scalar type keyword: "float" or "double".</summary>
    protected string T { get; }

    /// <summary>True for softmax cross-entropy (integer labels), false for MSE (values).</summary>
    protected bool Labels { get; }

    protected string Span => $"{TypeNames.Span}<{T}>";
    protected string ReadOnly => $"{TypeNames.ReadOnlySpan}<{T}>";
    protected string TargetSpan => Labels ? $"{TypeNames.ReadOnlySpan}<int>" : ReadOnly;
    protected string TargetsPerSample => Labels ? "1" : "OutputSize";

    /// <summary>Converts an interface call's Targets&lt;T&gt; to the typed span.</summary>
    protected string ConvertTargets => Labels ? $"{TypeNames.ModelArguments}.Labels(targets)" : $"{TypeNames.ModelArguments}.Values(targets)";

    /// <summary>True for the nested Float64 twin, whose members inherit their documentation from the float class's.</summary>
    protected bool IsTwin => T == "double";

    /// <summary>A member's doc comment: summary and remarks on the float class, &lt;inheritdoc&gt; of it on the twin.</summary>
    protected void Doc(CodeWriter w, string member, string summary, string? remarks = null)
    {
        if (IsTwin) w.Line($"/// <inheritdoc cref=\"{Identifiers.Escape(Network.Spec.Type.Name)}.{member}\"/>");
        else w.Doc(summary, remarks);
    }

    /// <summary>The body of InitializeParameters: each tensor ~ U(−bound, bound), one comment per run of tensors sharing a bound.</summary>
    protected void EmitInitializers(CodeWriter w)
    {
        w.Line($"var initializer = new {TypeNames.ParameterInitializer}(seed);");
        foreach (var layer in Network.Layers)
        {
            // One comment per run of tensors that share a distribution: "fc0.weight, fc0.bias ~ U(−1/√784, 1/√784)".
            for (var t = 0; t < layer.Tensors.Count; t++)
            {
                var tensor = layer.Tensors[t];
                if (t == 0 || layer.Tensors[t - 1].InitBoundText != tensor.InitBoundText)
                {
                    var names = new System.Collections.Generic.List<string>();
                    for (var u = t; u < layer.Tensors.Count && layer.Tensors[u].InitBoundText == tensor.InitBoundText; u++) names.Add(layer.Tensors[u].Name);
                    w.Line($"// {string.Join(", ", names)} ~ U(−{tensor.InitBoundText}, {tensor.InitBoundText})");
                }
                w.Line($"initializer.Uniform({ParameterSlice(tensor.Tensor.Offset, tensor.Length)}, {Literals.Double(tensor.InitBound)});");
            }
        }
    }

    /// <summary>
    /// The parameters and the workspace, each on a 64-byte boundary (<c>AlignedArray</c>): vector loads of a row
    /// then do not straddle cache lines, whatever address the garbage collector picks.
    /// </summary>
    protected void EmitStorageFields(CodeWriter w)
    {
        w.Line($"private readonly {Aligned} _parameters = new(ParameterCount);");
        w.Line($"private {Aligned} _workspace = {Aligned}.Empty;");
    }

    /// <summary>The workspace's growth: <paramref name="tooLarge"/> (an interpolated message) when the arena exceeds an aligned array.</summary>
    protected void EmitWorkspaceGrowth(CodeWriter w, string tooLarge)
    {
        w.Line($"if (length > {Aligned}.MaxLength) throw new global::System.ArgumentException($\"{tooLarge}\");");
        w.Line("if (_workspace.Length < length) _workspace = new((int)length);");
        w.Line("return _workspace;");
    }

    /// <summary>
    /// Refuses a parameter-sized output that shares memory with the model's own Parameters (e.g. gradient = model.Parameters),
    /// naming the output: the call would replace θ by its own derivative, and a pass that reads a weight after writing its
    /// slice of the output (BPTT reads W_hh at every step) gives wrong values. One Overlaps test at the boundary, O(1),
    /// whatever order the layers' statements happen to take.
    /// </summary>
    protected static void EmitNotParameters(CodeWriter w, string output) =>
        w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(Parameters, {output}, nameof(Parameters), nameof({output}));");

    protected string Aligned => $"{TypeNames.AlignedArray}<{T}>";

    /// <summary>The C# expression for the parameter slice of <paramref name="offset"/> and <paramref name="length"/>.</summary>
    internal static string ParameterSlice(int offset, int length) => $"_parameters.Slice({Literals.Int(offset)}, {Literals.Int(length)})";

    public abstract void Emit(CodeWriter w);
}
