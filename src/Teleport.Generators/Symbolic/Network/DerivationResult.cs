using Teleport.Generators.Model;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The derivation step's output: the derived network, or null when the derivation refused the spec (a
/// constant σ, a formula past the CAS's work bound), and the findings to report either way. Equatable, so
/// the diagnostics and the emitter re-run only when the math changes.
/// </summary>
internal sealed record DerivationResult(NetworkSpec Spec, DerivedNetwork? Network, EquatableArray<DerivationFinding> Findings);
