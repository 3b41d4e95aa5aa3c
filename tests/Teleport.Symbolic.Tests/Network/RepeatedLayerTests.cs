using System.Linq;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;
using Teleport.Symbolic.Tests.Scalar;

namespace Teleport.Symbolic.Tests.Network;

/// <summary>
/// Layers with the same σ share its analysis and the simplifications and derivatives of its maps within one derivation
/// (ActivationAnalyses, CasMemo): each layer past the first computed all of them again, about 6 MB of allocation per
/// tanh layer. Counted in normal forms computed (Simplifier.FormsComputed), not in time.
/// </summary>
public class RepeatedLayerTests
{
    private static NetworkSpec Tanh(int hidden)
    {
        var type = new TypeHierarchy("", EquatableArray<ContainingType>.Empty, "Net", "public", "Net");
        var layers = Enumerable.Range(0, hidden)
            .Select(i => (LayerSpec)new DenseLayerSpec(i, i == 0 ? 6 : 4, 4, true, "tanh", TestFormulas.Parse("tanh")))
            .Append(new DenseLayerSpec(hidden, 4, 2, true, "", Expr.Var("x")));
        return new NetworkSpec(type, 6, NetworkLoss.MeanSquaredError, layers.ToEquatableArray());
    }

    private static long FormsToDerive(NetworkSpec spec)
    {
        var before = Simplifier.FormsComputed;
        var result = NetworkDerivation.TryDerive(spec);
        Assert.NotNull(result.Network);
        return Simplifier.FormsComputed - before;
    }

    [Fact]
    public void ALayerWithTheSameSigmaAddsLittleSymbolicWork()
    {
        var two = FormsToDerive(Tanh(2));
        var twenty = FormsToDerive(Tanh(20));
        // Computing everything for every layer, twenty layers took eleven times the forms of two (13 447, 1 243); now both take 584.
        Assert.True(twenty < 2 * two, $"{two} normal forms for 2 tanh layers, {twenty} for 20");
    }

    /// <summary>The derivation within one memo gives what separate derivations give: the shared work changes no program.</summary>
    [Fact]
    public void TheDerivedNetworkIsTheSame()
    {
        var spec = Tanh(6);
        var remembered = NetworkDerivation.TryDerive(spec).Network!;
        var plain = NetworkDerivation.Derive(spec);
        // (TryDerive adds the float-range findings to the network; Derive, for tests and tools, does not look for them.)
        Assert.Equal(plain with { Findings = remembered.Findings }, remembered);
    }
}
