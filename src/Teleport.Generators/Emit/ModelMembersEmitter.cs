using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>
/// Emits the contract members (Parameters, InitializeParameters, Loss, LossAndGradient,
/// HessianVectorProduct, Predict and the IDifferentiableModel implementation) for one precision.
/// The float class and its Float64 twin are emitted from this one template.
/// </summary>
internal sealed class ModelMembersEmitter : MembersEmitter
{
    public ModelMembersEmitter(DerivedNetwork network, WorkspacePlan storage, OperatorTable operators, string scalar)
        : base(network, storage, operators, scalar)
    {
    }
    private string TargetDoc => Labels
        ? "Class labels, one per sample, in [0, OutputSize)."
        : "Target values [batch, OutputSize] row-major.";

    public override void Emit(CodeWriter w)
    {
        EmitState(w);
        EmitLoss(w);
        EmitLossAndGradient(w);
        EmitHessianVectorProduct(w);
        EmitPredict(w);
        EmitInterface(w);
    }

    private void EmitState(CodeWriter w)
    {
        EmitStorageFields(w);
        w.Line();
        Doc(w, "Parameters", Network.Spec.InputShape is null
            ? "All parameters θ, contiguous, in layer order: fc0.weight [out, in] row-major, fc0.bias [out], fc1.weight, … (PyTorch nn.Linear layout)."
            : $"All parameters θ, contiguous, in layer order: {TensorList()} (PyTorch nn.Conv2d [out, in, k, k] and nn.Linear [out, in] layouts, row-major).");
        w.Line($"public {Span} Parameters => _parameters;");
        w.Line();
        Doc(w, "InitializeParameters", Network.Spec.InputShape is null
            ? "Initialises the parameters like PyTorch's nn.Linear: weights and biases ~ U(−1/√fan_in, 1/√fan_in), deterministic per seed (the float and double models draw identical values)."
            : "Initialises the parameters like PyTorch's nn.Conv2d and nn.Linear: weights and biases ~ U(−1/√fan_in, 1/√fan_in), fan_in = in·k² for a convolution, deterministic per seed (the float and double models draw identical values).");
        using (w.Open("public void InitializeParameters(int seed)"))
        {
            EmitInitializers(w);
        }
        w.Line();
        Doc(w, "Workspace", "The workspace arena for a batch of n samples; grown once per larger batch, never shrunk.");
        using (w.Open($"private {Span} Workspace(int n)"))
        {
            w.Line(Storage.Fixed == 0
                ? $"var length = (long)n * {Literals.Int(Storage.PerSample)};"
                : $"var length = (long)n * {Literals.Int(Storage.PerSample)} + {Literals.Int(Storage.Fixed)};");
            EmitWorkspaceGrowth(w, "A batch of {n} samples needs {length} workspace values, more than an array can hold.");
        }
        w.Line();
    }

    /// <summary>"conv0.weight [16, 1, 3, 3], conv0.bias [16], …".</summary>
    private string TensorList() => string.Join(", ", System.Linq.Enumerable.Select(
        System.Linq.Enumerable.SelectMany(Network.Layers, l => l.Tensors), t => $"{t.Name} [{string.Join(", ", t.Shape)}]"));

    private void EmitLoss(CodeWriter w)
    {
        var program = Network.Loss;
        Doc(w, "Loss", "The mean loss L on a batch.", "Derived program (row-major, n = batch):\n" + ProgramEmitter.Formulas(program));
        if (!IsTwin)
        {
            w.Line($"/// <param name=\"inputs\">[batch, InputSize] row-major.</param>");
            w.Line($"/// <param name=\"targets\">{TargetDoc}</param>");
        }
        using (w.Open($"public {T} Loss({ReadOnly} inputs, {TargetSpan} targets)"))
        {
            Prologue(w, program);
            w.Line("return loss;");
        }
        w.Line();
    }

    private void EmitLossAndGradient(CodeWriter w)
    {
        var program = Network.LossAndGradient;
        Doc(w, "LossAndGradient", "The mean loss L and its gradient ∂L/∂θ (reverse mode), written to gradient in the Parameters layout (gradient must not overlap Parameters).",
            "Derived program (row-major, n = batch):\n" + ProgramEmitter.Formulas(program));
        using (w.Open($"public {T} LossAndGradient({ReadOnly} inputs, {TargetSpan} targets, {Span} gradient)"))
        {
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(gradient.Length, ParameterCount, nameof(gradient));");
            EmitNotParameters(w, "gradient");
            Prologue(w, program);
            w.Line("return loss;");
        }
        w.Line();
    }

    private void EmitHessianVectorProduct(CodeWriter w)
    {
        var program = Network.HessianVectorProduct;
        Doc(w, "HessianVectorProduct", "The exact Hessian-vector product H·v of the mean loss, by Pearlmutter's R-operator (forward mode over the forward and backward passes); no finite differences; result must not overlap v or Parameters.",
            "Derived program (row-major, n = batch; R{·} is the directional derivative along v):\n" + ProgramEmitter.Formulas(program));
        using (w.Open($"public void HessianVectorProduct({ReadOnly} inputs, {TargetSpan} targets, {ReadOnly} v, {Span} result)"))
        {
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(v.Length, ParameterCount, nameof(v));");
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(result.Length, ParameterCount, nameof(result));");
            w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(v, result, nameof(v), nameof(result));");
            EmitNotParameters(w, "result");
            Prologue(w, program);
        }
        w.Line();
    }

    private void EmitPredict(CodeWriter w)
    {
        var program = Network.Predict;
        Doc(w, "Predict", Labels ? "The logits [batch, OutputSize] of a batch, written to outputs, which must not overlap inputs." : "The network outputs [batch, OutputSize] of a batch, written to outputs, which must not overlap inputs.",
            "Derived program (row-major, n = batch):\n" + ProgramEmitter.Formulas(program));
        using (w.Open($"public void Predict({ReadOnly} inputs, {Span} outputs)"))
        {
            w.Line($"var n = {TypeNames.ModelArguments}.BatchSize(inputs.Length, InputSize);");
            w.Line($"{TypeNames.ModelArguments}.CheckLength(outputs.Length, (long)n * OutputSize, nameof(outputs));");
            // Refused here for every depth and layer kind: otherwise a one-layer network met it only in its kernel's own
            // check (naming the kernel's parameter) and a deeper one silently allowed it.
            w.Line($"{TypeNames.ModelArguments}.CheckNoOverlap(inputs, outputs, nameof(inputs), nameof(outputs));");
            Body(w, program, hasLoss: false);
        }
        w.Line();
    }

    private void Prologue(CodeWriter w, TensorProgram program)
    {
        w.Line($"var n = {TypeNames.ModelArguments}.BatchSize(inputs.Length, InputSize, targets.Length, {TargetsPerSample});");
        Body(w, program, hasLoss: true);
    }

    private void Body(CodeWriter w, TensorProgram program, bool hasLoss)
    {
        if (Storage.UsesWorkspace) w.Line($"{Span} workspace = Workspace(n);");
        w.Line($"{ReadOnly} parameters = _parameters;");
        if (hasLoss && System.Linq.Enumerable.Any(program.Statements, s => s is LossStatement)) w.Line($"{T} loss;");
        Programs.EmitBody(w, program);
    }

    private void EmitInterface(CodeWriter w)
    {
        var iface = $"{TypeNames.DifferentiableModel}<{T}>";
        var targets = $"{TypeNames.Targets}<{T}>";
        var convert = ConvertTargets;
        w.Line($"{TypeNames.NetworkInfo} {iface}.Info => Info;");
        w.Line($"{T} {iface}.Loss({ReadOnly} inputs, {targets} targets) => Loss(inputs, {convert});");
        w.Line($"{T} {iface}.LossAndGradient({ReadOnly} inputs, {targets} targets, {Span} gradient) => LossAndGradient(inputs, {convert}, gradient);");
        w.Line($"void {iface}.HessianVectorProduct({ReadOnly} inputs, {targets} targets, {ReadOnly} v, {Span} result) => HessianVectorProduct(inputs, {convert}, v, result);");
    }
}
