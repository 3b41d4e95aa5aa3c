using System.Linq;
using System.Text;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The name a layer's operator structs start with: the built-in activation it was written as
/// (<c>leaky_relu(0.1)</c> → LeakyRelu), or Layer{i} for a formula of the user's.
/// </summary>
internal static class OperatorNames
{
    public static string Of(string activationText, int layer)
    {
        var text = activationText.Trim();
        var open = text.IndexOf('(');
        var name = open < 0 ? text : text.Substring(0, open).Trim();
        // a built-in bare or with constant parameters (leaky_relu(0.1)); relu(2*x) is a formula of the user's
        var builtIn = BuiltInActivations.All.Any(b => b.Name == name)
            && (open < 0 || (text.EndsWith(")", System.StringComparison.Ordinal)
                && text.Substring(open + 1, text.Length - open - 2).All(c => char.IsDigit(c) || c is '.' or ',' or ' ' or '-' or '+' or 'e' or 'E')));
        return builtIn ? PascalCase(name) : "Layer" + layer.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>leaky_relu → LeakyRelu.</summary>
    public static string PascalCase(string name)
    {
        var sb = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (c == '_' || c == ' ')
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }
}
