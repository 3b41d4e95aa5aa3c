using System;
using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>A built-in activation: its name, constant parameters with defaults, and its defining formula in x.</summary>
internal sealed record BuiltInActivation(string Name, string Formula, string[] Parameters, double[] Defaults)
{
    public bool IsParameterized => Parameters.Length > 0;

    /// <summary>The signature and definition, e.g. <c>leaky_relu(a = 0.01) = where(x &gt; 0, x, a*x)</c>.</summary>
    public string Signature =>
        Name + (IsParameterized
            ? "(" + string.Join(", ", Parameters.Select((p, i) => p + " = " + MathText.Number(Defaults[i]))) + ")"
            : "") + " = " + Formula;
}

/// <summary>
/// The built-in activations, each *defined by formula text in the activation language* — the engine derives
/// σ′, σ″, inverses and properties from these definitions; nothing downstream special-cases a name.
/// </summary>
internal static class BuiltInActivations
{
    /// <summary>The table. Parameters are constants: <c>leaky_relu</c> is <c>leaky_relu(0.01)</c>.</summary>
    public static IReadOnlyList<BuiltInActivation> All { get; } = new[]
    {
        Define("identity", "x"),

        // relu′(0) = 0, as PyTorch.
        Define("relu", "where(x > 0, x, 0)"),
        Define("leaky_relu", "where(x > 0, x, a*x)", ("a", 0.01)),
        Define("tanh", "tanh(x)"),
        Define("sigmoid", "sigmoid(x)"),

        // log(1 + eˣ) written so that no branch overflows: for x > 0, x + log(1 + e⁻ˣ).
        Define("softplus", "where(x > 0, x + log(1 + exp(-x)), log(1 + exp(x)))"),
        Define("elu", "where(x > 0, x, a*(exp(x) - 1))", ("a", 1.0)),
        Define("silu", "x*sigmoid(x)"),

        // The tanh approximation (PyTorch approximate='tanh'): 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))).
        Define("gelu", "0.5*x*(1 + tanh(sqrt(2/3.141592653589793)*(x + 0.044715*x^3)))"),
    };

    private static readonly Lazy<Dictionary<string, Expr>> Definitions = new(() =>
        All.ToDictionary(a => a.Name, a => ActivationLanguage.ParseDefinition(a.Formula, a.Parameters), StringComparer.Ordinal));

    public static bool TryGet(string name, out BuiltInActivation activation)
    {
        foreach (var a in All)
        {
            if (a.Name == name)
            {
                activation = a;
                return true;
            }
        }

        activation = null!;
        return false;
    }

    /// <summary>The activation in x with the given parameters (the defaults where fewer are given).</summary>
    public static Expr Instantiate(string name, params double[] parameters)
    {
        if (!TryGet(name, out var activation) || parameters.Length > activation.Parameters.Length)
        {
            throw new ArgumentException("No built-in activation '" + name + "' with " + parameters.Length + " parameter(s)", nameof(name));
        }

        var e = Definitions.Value[name];
        for (var i = 0; i < activation.Parameters.Length; i++)
        {
            e = e.Substitute(activation.Parameters[i], Expr.Const(i < parameters.Length ? parameters[i] : activation.Defaults[i]));
        }

        return e;
    }

    private static BuiltInActivation Define(string name, string formula, params (string Name, double Default)[] parameters) =>
        new(name, formula, parameters.Select(p => p.Name).ToArray(), parameters.Select(p => p.Default).ToArray());
}
