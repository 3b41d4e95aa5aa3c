using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>
/// The generated code needs C# 11: its operator structs are file-local types (C# 11) in a file-scoped namespace
/// (C# 10). A project compiling as an older C# gets one TP0021 per network, at its [Network] attribute, and no
/// generated code for it, instead of a hundred CS8936/CS8773 errors in generated code.
/// </summary>
internal static class LanguageVersionCheck
{
    /// <summary>The oldest C# the generated code compiles with.</summary>
    public const LanguageVersion Required = LanguageVersion.CSharp11;

    /// <summary>The C# the project compiles as, with Default, Latest, LatestMajor and Preview mapped to the version they mean.</summary>
    public static LanguageVersion EffectiveVersion(ParseOptions options) =>
        options is CSharpParseOptions csharp ? csharp.LanguageVersion.MapSpecifiedToEffectiveVersion() : Required;

    public static bool IsSupported(LanguageVersion effective) => effective >= Required;

    /// <summary>TP0021 for a network that generates (its first [Network] declaration) when the project's C# is too old; else null.</summary>
    public static DiagnosticInfo? Diagnostic(NetworkParseResult parsed, LanguageVersion effective) =>
        IsSupported(effective) || parsed.Network is null
            ? null
            : DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooOld, parsed.Network, effective.ToDisplayString());
}
