using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// C# for one expression: <see cref="Statements"/> are <c>var t0 = …;</c> locals (common subexpressions and
/// lowering temporaries, in dependency order) to place before the use of <see cref="Result"/>, the C#
/// expression of the value. Equality is by content.
/// </summary>
internal sealed record EmittedExpression(IReadOnlyList<string> Statements, string Result)
{
    public bool Equals(EmittedExpression? other) =>
        other is not null && Result == other.Result && Statements.SequenceEqual(other.Statements);

    public override int GetHashCode()
    {
        var hash = Result.GetHashCode();
        foreach (var s in Statements)
        {
            hash = (hash * 31) + s.GetHashCode();
        }

        return hash;
    }

    /// <summary>The statements and a <c>return</c> of the result, one per line (handy for a method body).</summary>
    public string ToMethodBody(string indent = "") =>
        string.Concat(Statements.Select(s => indent + s + "\n")) + indent + "return " + Result + ";";
}
