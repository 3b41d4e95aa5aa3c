using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Emit;

/// <summary>
/// One operator struct per distinct elementwise formula of the derived programs and of the symmetry
/// kernels' σ, σ′, σ⁻¹ (equal formulas share a struct). A struct is named by what it computes — the
/// layer's activation and the role of the formula (LeakyReluActivation = σ, LeakyReluDerivativeTimes =
/// σ′(z)·v, TanhInverse = σ⁻¹, …) — and records every place it is used, for its remarks.
/// </summary>
internal sealed class OperatorTable
{
    private readonly Dictionary<(int Arity, Expr Function), int> _index = new();
    private readonly List<OperatorStruct> _operators = new();
    // The uses already listed per struct: a struct shared by every layer (the sums, a repeated σ's kernels) has uses in
    // proportion to the depth, so a list search per map made building the table quadratic in the layer count.
    private readonly List<HashSet<string>> _uses = new();
    private readonly HashSet<string> _used = new();
    private readonly HashSet<string> _taken;
    private readonly IReadOnlyList<DerivedLayer> _layers;

    /// <summary>
    /// The structs of <paramref name="programs"/>' maps and of the symmetry kernels' operators. <paramref name="taken"/>:
    /// the names of the user's types in the network's scope that a constant's struct would take
    /// (TypeHierarchy.TakenConstantNames); a struct of that name would be hidden by the user's type or clash with it,
    /// so it is renamed (ZeroOperator).
    /// </summary>
    public OperatorTable(IEnumerable<TensorProgram> programs, IEnumerable<LayerOperator> kernelOperators, IReadOnlyList<DerivedLayer> layers, IEnumerable<string> taken)
    {
        _layers = layers;
        _taken = new HashSet<string>(taken);
        _used.UnionWith(_taken);
        foreach (var map in programs.SelectMany(p => Recurrence.Flatten(p.Statements)).OfType<Map>().Where(m => m.Arguments.Count > 0))
            Add(map.Arguments.Count, map.Function, () => FromLabel(map.Label), map.Describe());
        foreach (var op in kernelOperators)
            Add(1, op.Function, () => FromKernelRole(op), op.Describe());
    }

    /// <summary>The operator structs in first-use order.</summary>
    public IReadOnlyList<OperatorStruct> Operators => _operators;

    public string NameOf(Map map) => _operators[_index[(map.Arguments.Count, map.Function)]].Name;

    public string NameOf(LayerOperator op) => _operators[_index[(1, op.Function)]].Name;

    private void Add(int arity, Expr function, System.Func<(string Name, string Role)> naming, string use)
    {
        if (!_index.TryGetValue((arity, function), out var i))
        {
            var (name, role) = naming();
            i = _operators.Count;
            _index[(arity, function)] = i;
            _operators.Add(new OperatorStruct(Unique(name), role, arity, function, new List<string>()));
            _uses.Add(new HashSet<string>());
        }

        if (_uses[i].Add(use)) _operators[i].Uses.Add(use);
    }

    /// <summary>Name and role of a program's map from its label: the layer's operator name, then _vjp/_jvp for each derivative taken.</summary>
    private (string Name, string Role) FromLabel(string label)
    {
        var parts = label.Split('_');
        var layer = _layers.FirstOrDefault(l => l.OperatorName == parts[0]);
        if (layer is null) return (OperatorNames.PascalCase(label), "");
        var sigma = $"σ = {Text(layer)}";
        return string.Join("_", parts.Skip(1)) switch
        {
            "" => (layer.OperatorName + EmittedNames.Activation, $"σ(z), {sigma}"),
            "vjp" or "jvp" => (layer.OperatorName + EmittedNames.DerivativeTimes, $"σ′(z)·v, {sigma}: the chain rule through σ"),
            "vjp_jvp" => (layer.OperatorName + EmittedNames.DerivativeTimesTangent, $"R{{σ′(z)·v}} = σ′(z)·R{{v}} + σ″(z)·R{{z}}·v, {sigma}: the tangent of the backward step δZ = δH·σ′(Z)"),
            "jvp_jvp" => (layer.OperatorName + EmittedNames.SecondTangent, $"R{{σ′(z)·r}} = σ′(z)·R{{r}} + σ″(z)·R{{z}}·r, {sigma}: the second tangent of the forward step, RR{{H}} from R{{H}} = σ′(Z)·R{{Z}}"),
            "vjp_jvp_jvp" => (layer.OperatorName + EmittedNames.DerivativeTimesSecondTangent, $"the tangent of σ′(z)·R{{v}} + σ″(z)·R{{z}}·v (terms in σ′, σ″, σ‴), {sigma}: the second tangent of the backward step, RR{{δZ}}"),
            var suffix => (layer.OperatorName + OperatorNames.PascalCase(suffix), sigma),
        };
    }

    private (string Name, string Role) FromKernelRole(LayerOperator op)
    {
        // a formula that simplified to a constant (σ″ of a piecewise-linear σ) is named by its value, whatever its role
        if (op.Function is Constant constant)
        {
            var text = constant.Value.ToString("R", CultureInfo.InvariantCulture);
            return (constant.Value == 0 ? EmittedNames.Zero : EmittedNames.ConstantPrefix + text.Replace('.', '_').Replace('-', 'm').Replace('+', 'p'), $"the constant {text}");
        }
        var layer = _layers[op.Layer];
        var sigma = $"σ = {Text(layer)}";
        return op.Role switch
        {
            LayerOperatorRole.Activation => (layer.OperatorName + EmittedNames.Activation, $"σ(z), {sigma}"),
            LayerOperatorRole.Derivative => (layer.OperatorName + EmittedNames.Derivative, $"σ′(z), {sigma}"),
            LayerOperatorRole.Inverse => (layer.OperatorName + EmittedNames.Inverse, $"σ⁻¹(y), {sigma}"),
            LayerOperatorRole.SecondDerivative => (layer.OperatorName + EmittedNames.SecondDerivative, $"σ″(z), {sigma}"),
            LayerOperatorRole.ThirdDerivative => (layer.OperatorName + EmittedNames.ThirdDerivative, $"σ‴(z), {sigma}"),
            LayerOperatorRole.InverseFirstDerivative => (layer.OperatorName + EmittedNames.InverseDerivative, $"(σ⁻¹)′(σ(z)) = 1/σ′(z), {sigma}"),
            LayerOperatorRole.InverseSecondDerivative => (layer.OperatorName + EmittedNames.InverseSecondDerivative, $"(σ⁻¹)″(σ(z)) = −σ″(z)/σ′(z)³, {sigma}"),
            LayerOperatorRole.InverseThirdDerivative => (layer.OperatorName + EmittedNames.InverseThirdDerivative, $"(σ⁻¹)‴(σ(z)) = (3σ″(z)² − σ′(z)σ‴(z))/σ′(z)⁵, {sigma}"),
            _ => throw new System.ArgumentOutOfRangeException(nameof(op), op.Role, "Unknown layer operator."),
        };
    }

    private static string Text(DerivedLayer layer) => layer.ActivationText.Length == 0 ? "identity" : layer.ActivationText;

    private string Unique(string name)
    {
        // A name a user's type takes gets a word, not digits: Constant2 + 2 would read as the constant 22.
        if (_taken.Contains(name)) name += EmittedNames.RenamedSuffix;
        var candidate = name;
        for (var i = 2; !_used.Add(candidate); i++) candidate = name + i.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }
}

/// <summary>An operator struct to emit: its name, what it computes (role), its formula in a0…, and where it is used.</summary>
internal sealed record OperatorStruct(string Name, string Role, int Arity, Expr Function, List<string> Uses);
