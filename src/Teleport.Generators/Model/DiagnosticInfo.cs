using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Model;

/// <summary>
/// A diagnostic to report, kept as data (descriptor + location + message arguments) so the
/// parsed model stays equatable and diagnostics can flow through their own pipeline output.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++) args[i] = Arguments[i];
        return Diagnostic.Create(Descriptor, Location?.ToLocation(), args);
    }
}
