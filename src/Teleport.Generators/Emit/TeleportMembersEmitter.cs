using System.Linq;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Symmetry;

namespace Teleport.Generators.Emit;

/// <summary>
/// Emits the teleportation members for one precision: the fused objective gradient
/// (∇L, H·∇L and every symmetry's adjoint), the finite group actions, covector transport, and
/// the contract's <c>Teleport</c> member that runs the guarded teleporter.
/// </summary>
internal sealed partial class TeleportMembersEmitter : MembersEmitter
{
    public TeleportMembersEmitter(DerivedNetwork network, WorkspacePlan storage, OperatorTable operators, string scalar)
        : base(network, storage, operators, scalar)
    {
        Blocks = new LayerBlockWriter(network, scalar);
    }

    private LayerBlockWriter Blocks { get; }

    public override void Emit(CodeWriter w)
    {
        w.Line($"private {TypeNames.Teleporter}<{T}>? _teleporter;");
        w.Line($"private {Aligned}? _objectiveScratch;");
        w.Line($"private {TypeNames.TeleportOptions}? _defaultTeleportOptions;");
        w.Line($"private {Aligned}? _objectiveGradient;");
        if (Network.Session is not null) w.Line($"private {TypeNames.TeleportSession}<{T}>? _session;");
        w.Line();
        Doc(w, "LieAlgebraDimension", "Size of the concatenated Lie algebras of all derived symmetries (see Info.Symmetries).");
        w.Line($"public const int LieAlgebraDimension = {Literals.Int(Network.LieAlgebraDimension)};");
        w.Line();
        EmitTeleport(w);
        EmitObjective(w);
        EmitSession(w);
        EmitAction(w);
        EmitTransport(w);
        if (SupportsLieAlgebraAdjoint(Network)) EmitLieAlgebraAdjoint(w);
    }

    private void EmitTeleport(CodeWriter w)
    {
        Doc(w, "Teleport", "Teleports this model on one batch: gradient ascent of ‖∇L‖² along the derived symmetry groups, guarded against loss drift and non-finite values (rolled back and reported).",
            "The report carries the loss and ‖∇L‖² before and after, the steps taken and the loss drift.");
        using (w.Open($"public {TypeNames.TeleportReport} Teleport({ReadOnly} inputs, {TargetSpan} targets, {TypeNames.TeleportOptions}? options = null)"))
        {
            w.Line($"_teleporter ??= new {TypeNames.Teleporter}<{T}>(this);");
            w.Line($"return _teleporter.Teleport(inputs, targets, options ?? (_defaultTeleportOptions ??= new {TypeNames.TeleportOptions}()));");
        }
        w.Line();
    }

    private void EmitObjective(CodeWriter w)
    {
        var program = Network.Objective;
        var remarks = "F = ‖∇L‖², ∂F/∂θ = 2·H·∇L (the R-operator seeded with v = ∇L), then for each active symmetry its adjoint:\n" +
            string.Join("\n", Network.Symmetries.Select(s => $"{s.Id} on layer {s.Layer}: {s.Adjoint}")) +
            "\nDerived program:\n" + ProgramEmitter.Formulas(program);
        Doc(w, "TeleportObjectiveGradient", "The teleport objective F = ‖∇L‖² and its gradient on every active symmetry's Lie algebra, in one fused pass; gradient (∇L, or empty) must not overlap Parameters.", remarks);
        using (w.Open($"public {TypeNames.TeleportObjectiveValue}<{T}> TeleportObjectiveGradient({ReadOnly} inputs, {TargetSpan} targets, {TypeNames.ReadOnlySpan}<bool> active, {Span} gradient, {Span} lieAlgebraGradient)"))
        {
            w.Line($"if (!gradient.IsEmpty) {TypeNames.ModelArguments}.CheckParameterSpan(gradient.Length, ParameterCount, nameof(gradient));");
            EmitNotParameters(w, "gradient");
            w.Line($"{TypeNames.ModelArguments}.CheckLength(lieAlgebraGradient.Length, LieAlgebraDimension, nameof(lieAlgebraGradient));");
            w.Line($"{TypeNames.ModelArguments}.CheckLength(active.Length, {Literals.Int(Network.Symmetries.Count)}, nameof(active));");
            w.Line($"var n = {TypeNames.ModelArguments}.BatchSize(inputs.Length, InputSize, targets.Length, {TargetsPerSample});");
            if (Network.Session is not null)
                w.Line("if (_session is { } session && session.Covers(inputs)) return SessionObjectiveGradient(inputs, targets, active, gradient, lieAlgebraGradient, n, session);");
            if (Storage.UsesWorkspace) w.Line($"{Span} workspace = Workspace(n);");
            w.Line($"{ReadOnly} parameters = _parameters;");
            w.Line($"{Span} objectiveGradient = gradient.IsEmpty ? (_objectiveGradient ??= new(ParameterCount)) : gradient;");
            w.Line($"{ReadOnly} v = objectiveGradient;");
            w.Line($"{Span} result = _objectiveScratch ??= new(ParameterCount);");
            w.Line($"{T} loss;");
            Programs.GradientSpanName = "objectiveGradient";
            Programs.EmitBody(w, program);
            Programs.GradientSpanName = "gradient";
            w.Line("// F = ‖∇L‖²; G_F = ∂F/∂θ = 2·H·∇L");
            w.Line($"{T} norm = {TypeNames.Reductions}.SumOfSquares<{T}>(objectiveGradient);");
            w.Line($"{TypeNames.Elementwise}.Add<{T}>(result, result, result);  // doubling in place, exact");
            foreach (var s in Network.Symmetries) EmitAdjointCall(w, s, session: false);
            w.Line("return new(loss, norm);");
        }
        w.Line();
    }

    /// <summary>
    /// One symmetry's adjoint of ∂F/∂θ (in <c>result</c>) into its slice of the Lie-algebra gradient, when
    /// active. In a session the input layer's block carries the session's products instead of G_V.
    /// </summary>
    private void EmitAdjointCall(CodeWriter w, DerivedSymmetry s, bool session)
    {
        var lie = $"lieAlgebraGradient.Slice({Literals.Int(s.Offset)}, {Literals.Int(s.Dimension)})";
        var fromSession = session && s.Layer == 0;
        w.Line(fromSession
            ? $"// {s.Id} on hidden layer 0 ({s.GroupName}), from the session's products: {s.Adjoint}"
            : $"// {s.Id} on hidden layer {s.Layer} ({s.GroupName}): {s.Adjoint}");
        using (w.Open($"if (active[{Literals.Int(Index(s))}])"))
        {
            Blocks.Declare(w, "block", s, Blocks.AdjointFields(s, fromSession ? Network.Session : null, Name));
            var kernel = $"{TypeNames.SymmetryKernels}.{AdjointKernel(s)}";
            if (s.IsDataDependent)
            {
                // A data-dependent adjoint that cannot be formed (a singular Gram matrix) leaves zeros: no move along that group.
                w.Line($"if (!{kernel}(block, {lie})) {lie}.Clear();");
            }
            else
            {
                w.Line($"{kernel}(block, {lie});");
            }
        }
    }

    /// <summary>The adjoint kernel's name with its type arguments (σ′ for the data-dependent ones).</summary>
    private string AdjointKernel(DerivedSymmetry s) => s.Kind switch
    {
        SymmetryKind.GeneralLinear => $"GeneralLinearAdjoint<{T}>",
        SymmetryKind.Diagonal => $"DiagonalAdjoint<{T}>",
        SymmetryKind.DataDependent => $"DataDependentAdjoint<{T}, {Operator(LayerOperatorRole.Derivative, s.Layer)}>",
        SymmetryKind.LeastSquares => $"LeastSquaresAdjoint<{T}, {Operator(LayerOperatorRole.Derivative, s.Layer)}>",
        _ => throw new System.ArgumentOutOfRangeException(nameof(s), s.Kind, "No adjoint kernel for this symmetry kind."),
    };

    /// <summary>The action kernel's name with its type arguments (σ, and σ⁻¹ for S3).</summary>
    private string ActionKernel(DerivedSymmetry s) => s.Kind switch
    {
        SymmetryKind.GeneralLinear => $"GeneralLinearAction<{T}>",
        SymmetryKind.Diagonal => $"DiagonalAction<{T}>",
        SymmetryKind.DataDependent => $"DataDependentAction<{T}, {Operator(LayerOperatorRole.Activation, s.Layer)}, {Operator(LayerOperatorRole.Inverse, s.Layer)}>",
        SymmetryKind.LeastSquares => $"LeastSquaresAction<{T}, {Operator(LayerOperatorRole.Activation, s.Layer)}>",
        _ => throw new System.ArgumentOutOfRangeException(nameof(s), s.Kind, "No action kernel for this symmetry kind."),
    };

    /// <summary>The covector transport kernel of an exact symmetry.</summary>
    private string TransportKernel(DerivedSymmetry s) => s.Kind switch
    {
        SymmetryKind.GeneralLinear => $"GeneralLinearTransport<{T}>",
        SymmetryKind.Diagonal => $"DiagonalTransport<{T}>",
        _ => throw new System.ArgumentOutOfRangeException(nameof(s), s.Kind, "Only the exact symmetries have a linear transport."),
    };

    private int Index(DerivedSymmetry s)
    {
        for (var i = 0; i < Network.Symmetries.Count; i++)
            if (Network.Symmetries[i].Equals(s)) return i;
        return -1;
    }

    private string Operator(LayerOperatorRole role, int layer) =>
        Operators.NameOf(Network.KernelOperators.First(o => o.Role == role && o.Layer == layer));

    private string Name(Tensor t) => t.Storage == TensorStorage.Inputs ? "inputs" : t.Name;

    private void EmitAction(CodeWriter w)
    {
        var result = TypeNames.GroupActionResult;
        Doc(w, "ApplyGroupAction", "Applies symmetry `symmetry`'s finite group action with element `groupElement` (k×k row-major, or the k positive diagonal entries for S2); data-dependent actions use `inputs`. Returns false, leaving the parameters unchanged, when the action is undefined there.",
            string.Join("\n", Network.Symmetries.Select(s => $"{Index(s)}: {s.Id} on layer {s.Layer}: {s.Action}")));
        w.Line($"public bool ApplyGroupAction(int symmetry, {ReadOnly} groupElement, {ReadOnly} inputs) => GroupAction(symmetry, groupElement, inputs, default) == {result}.Applied;");
        w.Line();
        w.Line($"/// <inheritdoc cref=\"{TypeNames.Teleportable}{{T}}.ApplyGroupActionWithinDomain\"/>");
        w.Line($"public {result} ApplyGroupActionWithinDomain(int symmetry, {Span} groupElement, {ReadOnly} inputs) => GroupAction(symmetry, groupElement, inputs, groupElement);");
        w.Line();
        Doc(w, "GroupAction", "The group actions: `applied` empty applies `groupElement` exactly; otherwise S3 may apply the part of it that keeps every activation inside σ's range, and writes that element to `applied`.");
        using (w.Open($"private {result} GroupAction(int symmetry, {ReadOnly} groupElement, {ReadOnly} inputs, {Span} applied)"))
        {
            if (Network.Symmetries.Count > 0) w.Line($"{Span} parameters = _parameters;");
            using (w.Open("switch (symmetry)"))
            {
                foreach (var s in Network.Symmetries)
                {
                    using (w.Open($"case {Literals.Int(Index(s))}:"))
                    {
                        w.Line($"// {s.Id} on hidden layer {s.Layer}: {s.Action}");
                        w.Line($"{TypeNames.ModelArguments}.CheckLength(groupElement.Length, {Literals.Int(s.Dimension)}, nameof(groupElement));");
                        if (s.IsDataDependent) EmitLayerInput(w, s.Layer);
                        Blocks.Declare(w, "block", s, Blocks.ActionFields(s, SessionGramFor(s)));
                        var within = s.Kind == SymmetryKind.DataDependent ? ", applied" : "";
                        w.Line($"var result = {TypeNames.SymmetryKernels}.{ActionKernel(s)}(groupElement, block{within});");
                        EmitSessionUpkeep(w, s);
                        w.Line("return result;");
                    }
                }
                w.Line($"default: throw new global::System.ArgumentOutOfRangeException(nameof(symmetry), symmetry, \"The network has {Literals.Int(Network.Symmetries.Count)} symmetries.\");");
            }
        }
        w.Line();
    }

    /// <summary>Declares `n` and `layerInput` (H_{i−1} on the batch) for a data-dependent action.</summary>
    private void EmitLayerInput(CodeWriter w, int layer)
    {
        w.Line($"var n = {TypeNames.ModelArguments}.BatchSize(inputs.Length, InputSize);");
        var input = Network.LayerTensors[layer].Input;
        if (input.Storage == TensorStorage.Inputs)
        {
            w.Line($"{ReadOnly} layerInput = inputs;");
            return;
        }
        w.Line("// The layer input on the batch, from a forward pass with the current parameters.");
        w.Line($"{ReadOnly} layerInput = ForwardActivations(inputs, n).Slice({Storage.For(Network.Activations).SliceArguments(input, "n")});");
    }

    private void EmitTransport(CodeWriter w)
    {
        Doc(w, "TransportCovector", "Transports a parameter-shaped covector (a gradient or first moment; with `squared`, a second moment) under an exact symmetry's linear action g: G_V → g⁻ᵀ·G_V, G_b → g⁻ᵀ·G_b, G_U → G_U·gᵀ. False for data-dependent symmetries.");
        using (w.Open($"public bool TransportCovector(int symmetry, {ReadOnly} groupElement, {Span} covector, bool squared)"))
        {
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(covector.Length, ParameterCount, nameof(covector));");
            using (w.Open("switch (symmetry)"))
            {
                foreach (var s in Network.Symmetries.Where(s => !s.IsDataDependent))
                {
                    using (w.Open($"case {Literals.Int(Index(s))}:"))
                    {
                        Blocks.Declare(w, "block", s, Blocks.ParameterFields(s, "covector"));
                        w.Line($"return {TypeNames.SymmetryKernels}.{TransportKernel(s)}(groupElement, block, squared);");
                    }
                }

                w.Line("default: return false;");
            }
        }
        w.Line();
        var iface = $"{TypeNames.Teleportable}<{T}>";
        var targets = $"{TypeNames.Targets}<{T}>";
        var convert = ConvertTargets;
        w.Line($"{TypeNames.TeleportObjectiveValue}<{T}> {iface}.TeleportObjectiveGradient({ReadOnly} inputs, {targets} targets, {TypeNames.ReadOnlySpan}<bool> active, {Span} gradient, {Span} lieAlgebraGradient) => TeleportObjectiveGradient(inputs, {convert}, active, gradient, lieAlgebraGradient);");
        w.Line();
        EmitLayerInputs(w);
        Doc(w, "ForwardActivations", "Runs the forward pass into the workspace and returns it (Z_i and H_i of every layer on this batch).");
        using (w.Open($"private {Span} ForwardActivations({ReadOnly} inputs, int n)"))
        {
            if (Storage.UsesWorkspace) w.Line($"{Span} workspace = Workspace(n);");
            else w.Line($"{Span} workspace = default;");
            w.Line($"{ReadOnly} parameters = _parameters;");
            Programs.EmitBody(w, Network.Activations);
            w.Line("return workspace;");
        }
        w.Line();
    }

    /// <summary>ILayerInputs: each dense layer's input on a batch (X, then H_{i−1}), from the forward program.</summary>
    private void EmitLayerInputs(CodeWriter w)
    {
        Doc(w, "LayerInput", "The input of dense layer `layer` on the batch: `inputs` for layer 0, else H_{layer−1} = σ(Z_{layer−1}) from a forward pass with the current parameters, as a view of the workspace valid until the next call (the null-space teleport's projectors read it).");
        using (w.Open($"public {ReadOnly} LayerInput(int layer, {ReadOnly} inputs)"))
        {
            w.Line($"var n = {TypeNames.ModelArguments}.BatchSize(inputs.Length, InputSize);");
            using (w.Open("switch (layer)"))
            {
                for (var i = 0; i < Network.LayerTensors.Count; i++)
                {
                    var input = Network.LayerTensors[i].Input;
                    if (input.Storage == TensorStorage.Inputs) w.Line($"case {Literals.Int(i)}: return inputs;");
                    else w.Line($"case {Literals.Int(i)}: return ForwardActivations(inputs, n).Slice({Storage.For(Network.Activations).SliceArguments(input, "n")});");
                }
                w.Line($"default: throw new global::System.ArgumentOutOfRangeException(nameof(layer), layer, \"The network has {Literals.Int(Network.LayerTensors.Count)} dense layers.\");");
            }
        }
        w.Line();
    }
}
