namespace Teleport.Generators.Model;

/// <summary>The loss a network declares (mirrors Teleport.LossKind; the generator cannot reference the runtime).</summary>
internal enum NetworkLoss
{
    SoftmaxCrossEntropy = 0,
    MeanSquaredError = 1,
}

/// <summary>
/// Everything the derivation needs about one [Network] class, as plain equatable data: no Roslyn
/// symbols, syntax or locations (those live in the diagnostics), so an edit elsewhere in the file
/// leaves this value equal and the expensive derivation cached. <see cref="InputShape"/> is the input image
/// [C, H, W] when [Network] declares one (required before a convolution or pooling layer), else null.
/// </summary>
internal sealed record NetworkSpec(
    TypeHierarchy Type,
    int Inputs,
    NetworkLoss Loss,
    EquatableArray<LayerSpec> Layers,
    ImageShape? InputShape = null)
{
    public int Outputs => Layers[Layers.Count - 1].OutputSize;

    /// <summary>True when a layer is recurrent ([Lstm]): inputs are sequences [steps, batch, Inputs] and every layer applies at every step.</summary>
    public bool IsRecurrent
    {
        get
        {
            foreach (var layer in Layers)
                if (layer.Kind == LayerKind.Lstm) return true;
            return false;
        }
    }
}

/// <summary>
/// Where the user's partial class lives, to reopen it: namespace, containing types, the type itself. Names are
/// as the symbols spell them (<c>class</c> for <c>@class</c>); code escapes them (Emit/Identifiers).
/// <see cref="TakenConstantNames"/> are the names of the constants' operator structs (<c>Zero</c>, <c>Constant2</c>…,
/// Emit/EmittedNames.IsConstantName) that the network's scope already gives to a type of the user's: the network,
/// an enclosing type, or a type nested in either (declared or inherited). The emitter names its structs around them;
/// only such names are kept, so adding an unrelated nested type leaves the spec equal.
/// </summary>
internal sealed record TypeHierarchy(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Name,
    string Accessibility,
    string MetadataName,
    EquatableArray<string> TakenConstantNames = default)
{
    /// <summary>The fully qualified name (namespace.Outer.Name), for messages and comments.</summary>
    public string FullName
    {
        get
        {
            var prefix = Namespace.Length == 0 ? "" : Namespace + ".";
            foreach (var c in ContainingTypes) prefix += c.Name + ".";
            return prefix + Name;
        }
    }
}

/// <summary>A type that contains the network class; Keyword is "class", "struct", "record", "record struct" or "interface".</summary>
internal sealed record ContainingType(string Keyword, string Name);
