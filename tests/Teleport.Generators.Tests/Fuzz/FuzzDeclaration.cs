using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Teleport.Generators.Tests.Fuzz;

/// <summary>One dense layer as the fuzz declares it: [Dense(Size, Activation = …, Bias = …)].</summary>
internal sealed record FuzzLayer(string Size, string? Activation, bool? Bias);

/// <summary>
/// A [Network] declaration as the fuzz builds and mutates it, rendered to one source file. Every case
/// carries its tag (<c>Fz17</c>) in its outermost namespace, or in its outermost type's name when it
/// lives in the global namespace, so cases compiled together never collide and every generated file and
/// error can be traced back to its case.
/// </summary>
internal sealed record FuzzDeclaration(
    string NamespaceTail,
    IReadOnlyList<string> Containers,
    string Keyword,
    string Modifiers,
    string Name,
    string TypeParameters,
    string PrimaryConstructor,
    string BaseList,
    string Body,
    string Inputs,
    string Loss,
    IReadOnlyList<FuzzLayer> Layers,
    string Preamble = "")
{
    public string Render(int tag)
    {
        var sb = new StringBuilder();
        sb.AppendLine("using Teleport;");
        var global = NamespaceTail == "<global>";
        if (!global) sb.AppendLine($"namespace Fz{tag}{(NamespaceTail.Length > 0 ? "." + NamespaceTail : "")};");
        var tagText = tag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var preamble = BaseList.Contains("Base_$TAG") && !Preamble.Contains("class Base_$TAG") ? Preamble + "\npublic class Base_$TAG { }" : Preamble;
        if (preamble.Length > 0) sb.AppendLine(preamble.Replace("$TAG", tagText));
        var outer = Containers.Select((c, i) => global && i == 0 ? Tagged(c, tag) : c).ToList();
        foreach (var container in outer) sb.AppendLine(container + " {");
        sb.Append("[Network(Inputs = ").Append(Inputs);
        if (Loss.Length > 0) sb.Append(", Loss = ").Append(Loss);
        sb.AppendLine(")]");
        foreach (var layer in Layers)
        {
            sb.Append("[Dense(").Append(layer.Size);
            if (layer.Activation is not null) sb.Append(", Activation = \"").Append(FormulaFuzzer.Escape(layer.Activation)).Append('"');
            if (layer.Bias is { } bias) sb.Append(", Bias = ").Append(bias ? "true" : "false");
            sb.AppendLine(")]");
        }

        var name = global && outer.Count == 0 ? TaggedName(Name, tag) : Name;
        sb.Append(Modifiers).Append(' ').Append(Keyword).Append(' ').Append(name).Append(TypeParameters).Append(PrimaryConstructor)
            .Append(BaseList.Replace("$TAG", tagText)).Append(" { ").Append(Body.Replace("NAME", name)).AppendLine(" }");
        foreach (var _ in outer) sb.AppendLine("}");
        return sb.ToString();
    }

    /// <summary>"public partial class Outer" → "public partial class Outer_Fz3" (the name is the last word).</summary>
    private static string Tagged(string container, int tag)
    {
        var at = container.LastIndexOf(' ');
        return container.Substring(0, at + 1) + TaggedName(container.Substring(at + 1), tag);
    }

    private static string TaggedName(string name, int tag) => name.TrimStart('@') + "_Fz" + tag.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
