using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>One [Lstm(hidden)] attribute: the hidden size H and whether the cell has its two biases.</summary>
internal sealed class LstmAttributeData : LayerAttributeData
{
    private LstmAttributeData(string declaration, int hidden, bool bias, LocationInfo? location)
        : base(declaration, location)
    {
        Hidden = hidden;
        Bias = bias;
    }

    public int Hidden { get; }

    public bool Bias { get; }

    /// <summary>The attribute's data, or null when its constructor argument is not a constant int (the compiler reports that).</summary>
    public static LstmAttributeData? Read(AttributeData attribute, AttributeSyntax? syntax, string declaration)
    {
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int hidden) return null;
        var bias = true;
        foreach (var pair in attribute.NamedArguments.Where(p => p.Key == AttributeNames.Bias))
            if (pair.Value.Value is bool b) bias = b;
        return new LstmAttributeData(declaration, hidden, bias, LocationInfo.From(syntax));
    }
}
