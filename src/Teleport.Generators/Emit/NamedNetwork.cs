using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>A derived network and the hint name of its generated file (unique ignoring case among all networks).</summary>
internal sealed record NamedNetwork(string HintName, DerivedNetwork Network);
