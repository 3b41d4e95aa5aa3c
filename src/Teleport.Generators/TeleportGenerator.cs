using Microsoft.CodeAnalysis;

namespace Teleport.Generators;

/// <summary>
/// The Teleport source generator: [Network]/[Dense] class → NetworkSpec → derived math → C#.
/// This file holds only the pipeline; the logic lives in Parsing/, Symbolic/ and Emit/.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TeleportGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
