using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>
/// Emits the members of a recurrent network (one with [Lstm] layers) for one precision: Parameters,
/// InitializeParameters (PyTorch's nn.LSTMCell and nn.Linear bounds), and Loss, LossAndGradient (backpropagation
/// through time) and Predict over sequences, each taking the number of steps last. Inputs are [steps, n, InputSize],
/// targets [steps, n] labels or [steps, n, OutputSize] values; states start at zero; the loss is the mean over steps
/// and batch (and outputs, for MSE). One workspace arena holds the per-step tape (steps·n rows) and the per-step
/// scratch (n rows), grown once per larger (n, steps).
/// </summary>
internal sealed partial class RecurrentMembersEmitter : MembersEmitter
{
    public RecurrentMembersEmitter(DerivedNetwork network, WorkspacePlan storage, OperatorTable operators, string scalar)
        : base(network, storage, operators, scalar)
    {
    }

    private string TargetDoc => Labels
        ? "Class labels [steps, batch], each in [0, OutputSize)."
        : "Target values [steps, batch, OutputSize] row-major.";

    /// <summary>The class's remarks: each layer's step in the paper's notation.</summary>
    public static string Summary(DerivedNetwork network)
    {
        var lines = new List<string> { "Layers, applied at every step t (row-major, n = batch, X_t = inputs of step t; states start at zero):" };
        foreach (var l in network.Layers)
        {
            var input = l.Index == 0 ? "X_t" : $"H{l.Index - 1}_t";
            if (l.Kind == LayerKind.Lstm)
            {
                var bias = l.Bias is null ? "" : $" + 1·b{l.Index}_ihᵀ + 1·b{l.Index}_hhᵀ";
                lines.Add($"  G{l.Index} = {input}·W{l.Index}_ihᵀ + H{l.Index}_(t−1)·W{l.Index}_hhᵀ{bias} = [G_i G_f G_g G_o] (nn.LSTMCell, {l.Units} units),");
                lines.Add($"  C{l.Index}_t = σ(G_f)⊙C{l.Index}_(t−1) + σ(G_i)⊙tanh(G_g),  H{l.Index}_t = σ(G_o)⊙tanh(C{l.Index}_t)");
                continue;
            }
            var z = l.Bias is null ? $"Z{l.Index} = {input}·W{l.Index}ᵀ" : $"Z{l.Index} = {input}·W{l.Index}ᵀ + 1·b{l.Index}ᵀ";
            lines.Add($"  {z},  H{l.Index}_t = σ{l.Index}(Z{l.Index}),  σ{l.Index}(x) = {Symbolic.Scalar.MathText.Format(l.Activation)}");
        }
        return string.Join("\n", lines);
    }

    public override void Emit(CodeWriter w)
    {
        EmitState(w);
        EmitLoss(w);
        EmitLossAndGradient(w);
        EmitPredict(w);
        EmitWindow(w);
        EmitWindowVjp(w);
        EmitInterface(w);
    }

    private void EmitInterface(CodeWriter w)
    {
        var iface = $"{TypeNames.RecurrentModel}<{T}>";
        var targets = $"{TypeNames.Targets}<{T}>";
        w.Line($"{TypeNames.NetworkInfo} {iface}.Info => Info;");
        w.Line($"{T} {iface}.Loss({ReadOnly} inputs, {targets} targets, int {StorageMap.Steps}) => Loss(inputs, {ConvertTargets}, {StorageMap.Steps});");
        w.Line($"{T} {iface}.LossAndGradient({ReadOnly} inputs, {targets} targets, {Span} gradient, int {StorageMap.Steps}) => LossAndGradient(inputs, {ConvertTargets}, gradient, {StorageMap.Steps});");
    }

    private void EmitState(CodeWriter w)
    {
        EmitStorageFields(w);
        w.Line();
        var names = string.Join(", ", Network.Layers.SelectMany(l => l.Tensors).Select(t => $"{t.Name} [{string.Join(", ", t.Shape)}]"));
        Doc(w, "Parameters", $"All parameters θ, contiguous, in layer order: {names} (the PyTorch state_dict of nn.LSTMCell and nn.Linear layers, row-major).");
        w.Line($"public {Span} Parameters => _parameters;");
        w.Line();
        Doc(w, "InitializeParameters", "Initialises the parameters like PyTorch: every tensor of an nn.LSTMCell ~ U(−1/√hidden, 1/√hidden), an nn.Linear's ~ U(−1/√fan_in, 1/√fan_in), deterministic per seed (the float and double models draw identical values).");
        using (w.Open("public void InitializeParameters(int seed)")) EmitInitializers(w);
        w.Line();
        Doc(w, "Workspace", "The workspace arena for steps·n rows of per-step tape and n rows of scratch; grown once per larger size, never shrunk.");
        using (w.Open($"private {Span} Workspace(int n, int {StorageMap.Steps})"))
        {
            w.Line($"var length = {ArenaLength(Storage.PerStepSample, Storage.PerSample, Storage.Fixed)};");
            EmitWorkspaceGrowth(w, $"{{{StorageMap.Steps}}} steps of a batch of {{n}} samples need {{length}} workspace values, more than an array can hold.");
        }
        w.Line();
    }

    /// <summary>The C# expression for an arena of steps·n rows of <paramref name="perStep"/>, n rows of <paramref name="perSample"/> and <paramref name="fixedValues"/> values.</summary>
    private static string ArenaLength(int perStep, int perSample, int fixedValues)
    {
        var terms = new List<string>();
        if (perStep > 0) terms.Add($"(long){StorageMap.Steps} * n * {Literals.Int(perStep)}");
        if (perSample > 0) terms.Add($"(long)n * {Literals.Int(perSample)}");
        if (fixedValues > 0) terms.Add(Literals.Int(fixedValues));
        return terms.Count == 0 ? "0L" : string.Join(" + ", terms);
    }

    private void SequenceParameters(CodeWriter w, bool targets)
    {
        if (IsTwin) return;
        w.Line("/// <param name=\"inputs\">[steps, batch, InputSize] row-major.</param>");
        if (targets) w.Line($"/// <param name=\"targets\">{TargetDoc}</param>");
    }

    private static void StepsParameter(CodeWriter w, bool twin)
    {
        if (!twin) w.Line("/// <param name=\"steps\">The number of steps of the sequences (at least 1).</param>");
    }

    private void EmitLoss(CodeWriter w)
    {
        var program = Network.Loss;
        Doc(w, "Loss", "The loss L on a batch of sequences: the mean over steps and batch (and outputs, for MSE).",
            "Derived program (row-major, n = batch):\n" + ProgramEmitter.Formulas(program));
        SequenceParameters(w, targets: true);
        StepsParameter(w, IsTwin);
        using (w.Open($"public {T} Loss({ReadOnly} inputs, {TargetSpan} targets, int {StorageMap.Steps})"))
        {
            Prologue(w, program);
            w.Line("return loss;");
        }
        w.Line();
    }

    private void EmitLossAndGradient(CodeWriter w)
    {
        var program = Network.LossAndGradient;
        Doc(w, "LossAndGradient", "The loss L and its gradient ∂L/∂θ by backpropagation through time (reverse mode over the loop), written to gradient in the Parameters layout.",
            "Derived program (row-major, n = batch):\n" + ProgramEmitter.Formulas(program));
        SequenceParameters(w, targets: true);
        if (!IsTwin) w.Line("/// <param name=\"gradient\">∂L/∂θ, ParameterCount values (overwritten; must not overlap Parameters).</param>");
        StepsParameter(w, IsTwin);
        using (w.Open($"public {T} LossAndGradient({ReadOnly} inputs, {TargetSpan} targets, {Span} gradient, int {StorageMap.Steps})"))
        {
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(gradient.Length, ParameterCount, nameof(gradient));");
            EmitNotParameters(w, "gradient");
            Prologue(w, program);
            w.Line("return loss;");
        }
        w.Line();
    }

    private void EmitPredict(CodeWriter w)
    {
        var program = Network.Predict;
        Doc(w, "Predict", Labels ? "The logits [steps, batch, OutputSize] of a batch of sequences." : "The network outputs [steps, batch, OutputSize] of a batch of sequences.",
            "Derived program (row-major, n = batch):\n" + ProgramEmitter.Formulas(program));
        SequenceParameters(w, targets: false);
        if (!IsTwin) w.Line("/// <param name=\"outputs\">[steps, batch, OutputSize] (overwritten; must not overlap inputs).</param>");
        StepsParameter(w, IsTwin);
        using (w.Open($"public void Predict({ReadOnly} inputs, {Span} outputs, int {StorageMap.Steps})"))
        {
            w.Line($"var n = {TypeNames.SequenceArguments}.BatchSize(inputs.Length, InputSize, {StorageMap.Steps});");
            w.Line($"{TypeNames.ModelArguments}.CheckLength(outputs.Length, (long){StorageMap.Steps} * n * OutputSize, nameof(outputs));");
            // As the feed-forward Predict: refused at the boundary, whatever the depth, naming this member's parameter.
            w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(inputs, outputs, nameof(inputs), nameof(outputs));");
            Body(w, program, hasLoss: false);
        }
        w.Line();
    }

    private void Prologue(CodeWriter w, TensorProgram program)
    {
        w.Line($"var n = {TypeNames.SequenceArguments}.BatchSize(inputs.Length, InputSize, {StorageMap.Steps}, targets.Length, {TargetsPerSample});");
        Body(w, program, hasLoss: true);
    }

    private void Body(CodeWriter w, TensorProgram program, bool hasLoss)
    {
        if (Storage.UsesWorkspace) w.Line($"{Span} workspace = Workspace(n, {StorageMap.Steps});");
        w.Line($"{ReadOnly} parameters = _parameters;");
        if (hasLoss && program.Statements.Any(s => s is LossStatement)) w.Line($"{T} loss;");
        Programs.EmitBody(w, program);
    }
}
