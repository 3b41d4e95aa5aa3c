using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Emit;

/// <summary>
/// One operator struct per distinct elementwise formula of the derived programs (equal formulas
/// share a struct). Names come from the formula's role ("activation0_vjp" → Activation0Vjp).
/// </summary>
internal sealed class OperatorTable
{
    private readonly Dictionary<(int Arity, Expr Function), string> _names = new();
    private readonly List<(string Name, Map Map)> _operators = new();
    private readonly HashSet<string> _used = new();

    public OperatorTable(IEnumerable<TensorProgram> programs, IEnumerable<Map> extra)
    {
        foreach (var map in programs.SelectMany(p => p.Statements).OfType<Map>().Concat(extra).Where(m => m.Arguments.Count > 0))
        {
            var key = (map.Arguments.Count, map.Function);
            if (_names.ContainsKey(key)) continue;
            var name = Unique(PascalCase(map.Label));
            _names[key] = name;
            _operators.Add((name, map));
        }
    }

    /// <summary>The operator structs in first-use order, with a representative Map each.</summary>
    public IReadOnlyList<(string Name, Map Map)> Operators => _operators;

    public string NameOf(Map map) => _names[(map.Arguments.Count, map.Function)];

    private string Unique(string name)
    {
        var candidate = name;
        for (var i = 2; !_used.Add(candidate); i++) candidate = name + i.ToString(CultureInfo.InvariantCulture);
        return candidate;
    }

    private static string PascalCase(string label)
    {
        var sb = new StringBuilder();
        var upper = true;
        foreach (var c in label)
        {
            if (c == '_' || c == ' ') { upper = true; continue; }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return sb.Length == 0 ? "Operator" : sb.ToString();
    }
}
