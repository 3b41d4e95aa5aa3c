using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>One [Conv2d] attribute as written: channels, kernel, stride, padding, bias, and the formula with its syntax.</summary>
internal sealed class Conv2dAttributeData : LayerAttributeData
{
    public Conv2dAttributeData(string declaration, int outChannels, int kernel, int stride, int padding, string activation, bool bias,
        LocationInfo? location, ExpressionSyntax? activationSyntax)
        : base(declaration, location)
    {
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        Activation = activation;
        Bias = bias;
        ActivationSyntax = activationSyntax;
    }

    public int OutChannels { get; }
    public int Kernel { get; }
    public int Stride { get; }
    public int Padding { get; }
    public string Activation { get; }
    public bool Bias { get; }
    public ExpressionSyntax? ActivationSyntax { get; }
    public override LocationInfo? ActivationLocation => LocationInfo.From(ActivationSyntax);
}

/// <summary>One [MaxPool2d] or [AvgPool2d] attribute as written: which pooling and its window side.</summary>
internal sealed class PoolAttributeData : LayerAttributeData
{
    public PoolAttributeData(string declaration, bool isMax, int kernel, LocationInfo? location)
        : base(declaration, location)
    {
        IsMax = isMax;
        Kernel = kernel;
    }

    public bool IsMax { get; }
    public int Kernel { get; }

    /// <summary>The attribute's name, for messages: "MaxPool2d" or "AvgPool2d".</summary>
    public string Name => IsMax ? "MaxPool2d" : "AvgPool2d";
}

internal static partial class LayerAttributeReader
{
    /// <summary>[Conv2d], [MaxPool2d] or [AvgPool2d] (by <paramref name="name"/>), or null when its constructor argument is not an int.</summary>
    private static LayerAttributeData? ReadImageLayer(string name, AttributeData attribute, AttributeSyntax? syntax, string declaration)
    {
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int first) return null;
        if (name != AttributeNames.Conv2d)
            return new PoolAttributeData(declaration, name == AttributeNames.MaxPool2d, first, LocationInfo.From(syntax));

        // The runtime attribute's defaults: Kernel 3, Stride 1, Padding 0, Bias true, identity.
        int kernel = 3, stride = 1, padding = 0;
        var activation = "";
        var bias = true;
        foreach (var pair in attribute.NamedArguments)
        {
            switch (pair.Key)
            {
                case AttributeNames.Kernel when pair.Value.Value is int k: kernel = k; break;
                case AttributeNames.Stride when pair.Value.Value is int s: stride = s; break;
                case AttributeNames.Padding when pair.Value.Value is int p: padding = p; break;
                case AttributeNames.Activation: activation = pair.Value.Value as string ?? ""; break;
                case AttributeNames.Bias when pair.Value.Value is bool b: bias = b; break;
            }
        }
        var activationSyntax = syntax?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == AttributeNames.Activation)?.Expression;
        return new Conv2dAttributeData(declaration, first, kernel, stride, padding, activation, bias, LocationInfo.From(syntax), activationSyntax);
    }
}
