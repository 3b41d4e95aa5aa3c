using System.Linq;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Symmetry;

namespace Teleport.Generators.Emit;

/// <summary>
/// Emits <c>OrbitDerivatives</c> for one precision (the <c>IOrbitDerivatives</c> contract): for every active symmetry
/// its orbit kernel with the layer block and the derived σ′, σ″, σ‴ or (σ⁻¹)′, (σ⁻¹)″, (σ⁻¹)‴, then the product rule
/// on each weight matrix one symmetry moves as U and the next as V.
/// </summary>
internal sealed class OrbitMembersEmitter : MembersEmitter
{
    public OrbitMembersEmitter(DerivedNetwork network, WorkspacePlan storage, OperatorTable operators, string scalar)
        : base(network, storage, operators, scalar)
    {
    }

    /// <summary>
    /// Whether the network gets orbit derivatives: its symmetries act on dense weight matrices (the orbit kernels'
    /// layout; a convolution's channel symmetries are not covered yet) and the factor buffer (3k² per symmetry) fits
    /// one array. Other networks do not implement IOrbitDerivatives, so ψ reports itself unavailable for them.
    /// </summary>
    public static bool Supports(DerivedNetwork network) =>
        network.Spec.InputShape is null && network.Recurrent is null &&
        network.Symmetries.Sum(s => 3L * s.Width * s.Width) <= 0x7FFFFFC7;

    public override void Emit(CodeWriter w)
    {
        var symmetries = Network.Symmetries;
        var factorLength = (int)symmetries.Sum(s => 3L * s.Width * s.Width);
        if (symmetries.Count > 0)
        {
            w.Line($"private {T}[]? _orbitFactors;");
            w.Line();
        }
        var remarks = symmetries.Count == 0
            ? "This network has no symmetries: every derivative is zero."
            : "Per symmetry (V = its layer's weights, U = the next layer's, U(t) = U·P(t)):\n" +
              string.Join("\n", symmetries.Select(s => $"{s.Id} on layer {s.Layer}: {Formula(s)}")) +
              "\nA weight matrix moved as U by one symmetry and as V(t) = L(t) by the next gets the derivatives of L(t)·P(t): " +
              "W′ = L′ + W·P′, W″ = L″ + 2L′P′ + W·P″, W‴ = L‴ + 3L″P′ + 3L′P″ + W·P‴ (OrbitDerivativeMode.PerPairSum drops the cross terms; " +
              "DropActivationCurvature drops the σ″ and σ‴ terms).";
        Doc(w, "OrbitDerivatives",
            "The first three derivatives at t = 0 of the orbit curve γ(t) = exp(tM)·θ of the active symmetries, in the Parameters layout (see IOrbitDerivatives); first, second and third must not overlap Parameters.",
            remarks);
        using (w.Open($"public bool OrbitDerivatives({TypeNames.ReadOnlySpan}<bool> active, {ReadOnly} generator, {ReadOnly} inputs, {TypeNames.OrbitDerivativeMode} mode, {Span} first, {Span} second, {Span} third)"))
        {
            w.Line($"{TypeNames.ModelArguments}.CheckLength(active.Length, {Literals.Int(symmetries.Count)}, nameof(active));");
            w.Line($"{TypeNames.ModelArguments}.CheckLength(generator.Length, LieAlgebraDimension, nameof(generator));");
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(first.Length, ParameterCount, nameof(first));");
            w.Line($"{TypeNames.ModelArguments}.CheckParameterSpan(second.Length, ParameterCount, nameof(second));");
            w.Line($"if (!third.IsEmpty) {TypeNames.ModelArguments}.CheckParameterSpan(third.Length, ParameterCount, nameof(third));");
            EmitNotParameters(w, "first");
            EmitNotParameters(w, "second");
            EmitNotParameters(w, "third");
            foreach (var group in symmetries.GroupBy(s => s.Layer).Where(g => g.Count() > 1))
            {
                var flags = string.Join(" ? 1 : 0) + (", group.Select(s => $"active[{Literals.Int(Index(s))}]"));
                w.Line($"if ((({flags} ? 1 : 0)) > 1) throw new global::System.ArgumentException(\"At most one symmetry per hidden layer may be active; layer {Literals.Int(group.Key)} has {Literals.Int(group.Count())} active.\", nameof(active));");
            }
            w.Line("first.Clear();");
            w.Line("second.Clear();");
            w.Line("third.Clear();");
            if (symmetries.Count == 0)
            {
                w.Line("return true;");
                return;
            }
            w.Line("bool curvature = (mode & " + TypeNames.OrbitDerivativeMode + ".DropActivationCurvature) == 0;");
            w.Line("bool perPairSum = (mode & " + TypeNames.OrbitDerivativeMode + ".PerPairSum) != 0;");
            w.Line($"{Span} factors = _orbitFactors ??= new {T}[{Literals.Int(factorLength)}];");
            w.Line($"{ReadOnly} parameters = _parameters;");
            if (symmetries.Any(s => s.IsDataDependent))
            {
                var anyData = string.Join(" || ", symmetries.Where(s => s.IsDataDependent).Select(s => $"active[{Literals.Int(Index(s))}]"));
                w.Line("// The data-dependent symmetries read the layers' H, Z and A on the batch: one forward pass.");
                w.Line("int n = 0;");
                w.Line($"{Span} forward = default;");
                using (w.Open($"if ({anyData})"))
                {
                    w.Line($"n = {TypeNames.ModelArguments}.BatchSize(inputs.Length, InputSize);");
                    w.Line("forward = ForwardActivations(inputs, n);");
                }
            }
            var offset = 0;
            foreach (var s in symmetries)
            {
                EmitJet(w, s, offset);
                offset += 3 * s.Width * s.Width;
            }
            w.Line("// The product rule on the matrices the symmetries move as U (in layer order; a later layer's V-side jet is already in place).");
            offset = 0;
            foreach (var s in symmetries)
            {
                // (a symmetry acts between layers with weights)
                var next = Network.Layers[s.NextLayer].Weight!;
                using (w.Open($"if (active[{Literals.Int(Index(s))}])"))
                {
                    DeclareJet(w, s, offset, vSide: false);
                    w.Line($"{TypeNames.OrbitKernels}.ComposeRightFactor<{T}>({Slice("parameters", next)}, jet, {Slice("first", next)}, {Slice("second", next)}, third.IsEmpty ? default : {Slice("third", next)}, {Literals.Int(s.NextWidth)}, {Literals.Int(s.Width)}, perPairSum);");
                }
                offset += 3 * s.Width * s.Width;
            }
            w.Line("return true;");
        }
        w.Line();
        var iface = $"{TypeNames.OrbitDerivatives}<{T}>";
        w.Line($"bool {iface}.OrbitDerivatives({TypeNames.ReadOnlySpan}<bool> active, {ReadOnly} generator, {ReadOnly} inputs, {TypeNames.OrbitDerivativeMode} mode, {Span} first, {Span} second, {Span} third) => OrbitDerivatives(active, generator, inputs, mode, first, second, third);");
        w.Line();
    }

    /// <summary>One symmetry's orbit kernel, writing its V-side derivatives and its right factor's.</summary>
    private void EmitJet(CodeWriter w, DerivedSymmetry s, int offset)
    {
        var layer = Network.Layers[s.Layer];
        w.Line($"// {s.Id} on hidden layer {s.Layer}: {Formula(s)}");
        using (w.Open($"if (active[{Literals.Int(Index(s))}])"))
        {
            var batch = s.IsDataDependent ? ", BatchSize = n" : "";
            w.Line($"var block = new {TypeNames.HiddenLayerBlock}<{T}>");
            w.Line("{");
            w.Line($"    Width = {Literals.Int(s.Width)}, InputSize = {Literals.Int(s.InputSize)}, NextWidth = {Literals.Int(s.NextWidth)}, HasBias = {Literals.Bool(s.HasBias)}{batch},");
            if (s.Kind != SymmetryKind.DataDependent)
            {
                w.Line($"    V = {Parameter(layer.Weight!)},");
                if (layer.Bias is { } b) w.Line($"    B = {Parameter(b)},");
            }
            if (s.IsDataDependent)
            {
                var tensors = Network.LayerTensors[s.Layer];
                var map = Storage.For(Network.Activations);
                if (s.Kind == SymmetryKind.DataDependent)
                    w.Line(tensors.Input.Storage == TensorStorage.Inputs ? "    H = inputs," : $"    H = forward.Slice({map.SliceArguments(tensors.Input, "n")}),");
                w.Line($"    Z = forward.Slice({map.SliceArguments(tensors.PreActivation, "n")}),");
                w.Line($"    A = forward.Slice({map.SliceArguments(tensors.Output, "n")}),");
            }
            w.Line("};");
            DeclareJet(w, s, offset, vSide: true);
            var generator = $"generator.Slice({Literals.Int(s.Offset)}, {Literals.Int(s.Dimension)})";
            var call = s.Kind switch
            {
                SymmetryKind.GeneralLinear => $"{TypeNames.OrbitKernels}.GeneralLinearOrbit<{T}>(block, {generator}, jet);",
                SymmetryKind.Diagonal => $"{TypeNames.OrbitKernels}.DiagonalOrbit<{T}>(block, {generator}, jet);",
                SymmetryKind.DataDependent => $"if (!{TypeNames.OrbitKernels}.DataDependentOrbit<{T}, {Op(LayerOperatorRole.InverseFirstDerivative, s)}, {Op(LayerOperatorRole.InverseSecondDerivative, s)}, {Op(LayerOperatorRole.InverseThirdDerivative, s)}>(block, {generator}, jet, curvature)) return false;",
                _ => $"if (!{TypeNames.OrbitKernels}.LeastSquaresOrbit<{T}, {Op(LayerOperatorRole.Derivative, s)}, {Op(LayerOperatorRole.SecondDerivative, s)}, {Op(LayerOperatorRole.ThirdDerivative, s)}>(block, {generator}, jet, curvature)) return false;",
            };
            w.Line(call);
        }
    }

    /// <summary>Declares <c>jet</c>: the V-side spans (slices of first/second/third, or none) and the right factor's slice of <c>factors</c>.</summary>
    private void DeclareJet(CodeWriter w, DerivedSymmetry s, int offset, bool vSide)
    {
        var layer = Network.Layers[s.Layer];
        var kk = s.Width * s.Width;
        w.Line($"var jet = new {TypeNames.OrbitJet}<{T}>");
        w.Line("{");
        if (vSide)
        {
            var weight = layer.Weight!;
            w.Line($"    V1 = {Slice("first", weight)}, V2 = {Slice("second", weight)}, V3 = third.IsEmpty ? default : {Slice("third", weight)},");
            if (layer.Bias is { } b)
                w.Line($"    B1 = {Slice("first", b)}, B2 = {Slice("second", b)}, B3 = third.IsEmpty ? default : {Slice("third", b)},");
        }
        w.Line($"    P1 = factors.Slice({Literals.Int(offset)}, {Literals.Int(kk)}), P2 = factors.Slice({Literals.Int(offset + kk)}, {Literals.Int(kk)}), P3 = third.IsEmpty ? default : factors.Slice({Literals.Int(offset + 2 * kk)}, {Literals.Int(kk)}),");
        w.Line("};");
    }

    private static string Formula(DerivedSymmetry s) => s.Kind switch
    {
        SymmetryKind.GeneralLinear => "V^(j) = M^j·V, b^(j) = M^j·b, P^(j) = (−M)^j",
        SymmetryKind.Diagonal => "V^(j) = diag(m)^j·V, b^(j) = m^j⊙b, P^(j) = diag(−m)^j",
        SymmetryKind.DataDependent => "Z(t) = σ⁻¹(e^{tM}·σ(Z)): Z′ = (σ⁻¹)′⊙MA, Z″ = (σ⁻¹)″⊙(MA)² + (σ⁻¹)′⊙M²A, Z‴ = (σ⁻¹)‴⊙(MA)³ + 3(σ⁻¹)″⊙(MA)⊙(M²A) + (σ⁻¹)′⊙M³A; [V b]^(j) = Z^(j)·[h;1ᵀ]⁺; P^(j) = (−M)^j",
        _ => "V^(j) = M^j·V, b^(j) = M^j·b; P(t) = I + (A − A(t))·A(t)⁺ with A(t) = σ(e^{tM}Z) by Taylor jets (σ′, σ″, σ‴) and the jets of (AAᵀ)⁻¹",
    };

    private string Op(LayerOperatorRole role, DerivedSymmetry s) =>
        Operators.NameOf(Network.KernelOperators.First(o => o.Role == role && o.Layer == s.Layer));

    private int Index(DerivedSymmetry s)
    {
        for (var i = 0; i < Network.Symmetries.Count; i++)
            if (Network.Symmetries[i].Equals(s)) return i;
        return -1;
    }

    private static string Parameter(Tensor t) => ParameterSlice(t.Offset, t.Rows * t.Columns);

    private static string Slice(string span, Tensor t) => $"{span}.Slice({Literals.Int(t.Offset)}, {Literals.Int(t.Rows * t.Columns)})";
}
