using System.Linq;
using System.Text.RegularExpressions;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Emit;

/// <summary>
/// The names of the file-local types the generated file declares beside the network and refers to unqualified:
/// the info holder (<c>DerivedNetworkInfo.Value</c>, an expression) and the operator structs (type arguments).
/// <see cref="OperatorTable"/> names its structs from these constants, and the parser's name check
/// (Parsing/MemberConflicts) refuses a user name <see cref="IsReserved"/> accepts, so the two cannot drift apart.
/// </summary>
internal static class EmittedNames
{
    /// <summary>The file-local class holding the network's NetworkInfo; the generated Info reads InfoHolder.Value.</summary>
    public const string InfoHolder = "DerivedNetworkInfo";

    // Roles of a layer's operator structs: layer's operator name (Tanh, LeakyRelu, Layer0) + role.
    public const string Activation = "Activation";
    public const string DerivativeTimes = "DerivativeTimes";
    public const string DerivativeTimesTangent = "DerivativeTimesTangent";
    public const string SecondTangent = "SecondTangent";
    public const string DerivativeTimesSecondTangent = "DerivativeTimesSecondTangent";
    public const string Derivative = "Derivative";
    public const string Inverse = "Inverse";
    public const string SecondDerivative = "SecondDerivative";
    public const string ThirdDerivative = "ThirdDerivative";
    public const string InverseDerivative = "InverseDerivative";
    public const string InverseSecondDerivative = "InverseSecondDerivative";
    public const string InverseThirdDerivative = "InverseThirdDerivative";

    /// <summary>Structs of a constant formula: Zero, or Constant + its digits ('.' → '_', '-' → 'm', '+' → 'p').</summary>
    public const string Zero = "Zero";
    public const string ConstantPrefix = "Constant";

    /// <summary>Appended to a constant's struct name that a user's type takes in the network's scope (ZeroOperator).</summary>
    public const string RenamedSuffix = "Operator";

    private static readonly string[] Roles =
    {
        Activation, DerivativeTimes, DerivativeTimesTangent, SecondTangent, DerivativeTimesSecondTangent, Derivative, Inverse,
        SecondDerivative, ThirdDerivative, InverseDerivative, InverseSecondDerivative, InverseThirdDerivative,
    };

    /// <summary>
    /// Every name an operator struct or the info holder can take: an operator name (a built-in's, Layer{i}, or a
    /// map label the derivation gives outside a layer: sum, copy, zero, LstmCell, LstmOutput) followed by a role
    /// or by the Vjp/Jvp words of a derivative label; each maybe with the digits <see cref="OperatorTable"/>
    /// appends to keep names unique. Not the constants' structs (<see cref="Zero"/>, <see cref="ConstantPrefix"/>…):
    /// only some networks emit them, and refusing every class named Zero would refuse working declarations. Instead
    /// the parser records the constant-like names the user's types take in the network's scope
    /// (TypeHierarchy.TakenConstantNames) and <see cref="OperatorTable"/> renames its struct around them (ZeroOperator).
    /// </summary>
    private static readonly Regex Reserved = new(
        "^(?:" + InfoHolder
        + "|(?:" + string.Join("|", BuiltInActivations.All.Select(b => OperatorNames.PascalCase(b.Name)).Concat(new[] { "Layer[0-9]+", "Lstm" }))
        + ")(?:" + string.Join("|", Roles.OrderByDescending(r => r.Length)) + "|(?:Vjp|Jvp)+)"
        + "|(?:Sum|Copy|LstmCell|LstmOutput)(?:Vjp|Jvp)*"
        + ")[0-9]*$",
        RegexOptions.CultureInvariant);

    /// <summary>True when the generated file may declare (and use unqualified) a type of this name.</summary>
    public static bool IsReserved(string name) => Reserved.IsMatch(name);

    /// <summary>The name of a constant formula's struct, maybe with digits appended (not reserved: see <see cref="Reserved"/>).</summary>
    public static bool IsConstantName(string name) =>
        Regex.IsMatch(name, "^(?:" + Zero + "|" + ConstantPrefix + "[0-9_mpE]*)(?:" + RenamedSuffix + ")?[0-9]*$", RegexOptions.CultureInvariant);
}
