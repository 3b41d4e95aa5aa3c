using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>The parse stage's output: the spec (null when the declaration is unusable) and its diagnostics.</summary>
internal sealed record NetworkParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
