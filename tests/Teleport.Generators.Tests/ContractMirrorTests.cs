using System;
using System.Linq;

namespace Teleport.Generators.Tests;

/// <summary>
/// The generator cannot reference the runtime, so it mirrors the enums that the emitted Info names;
/// these tests keep each mirror equal to its runtime type, member for member and value for value.
/// </summary>
public class ContractMirrorTests
{
    private static void AssertSameMembers<TGenerator, TRuntime>()
        where TGenerator : struct, Enum
        where TRuntime : struct, Enum
    {
        var generator = Enum.GetValues<TGenerator>().Select(v => (Enum.GetName(v), Convert.ToInt32(v))).ToArray();
        var runtime = Enum.GetValues<TRuntime>().Select(v => (Enum.GetName(v), Convert.ToInt32(v))).ToArray();
        // Every kind the generator emits must exist in the runtime with the same value (the runtime may have more, e.g. Custom).
        Assert.All(generator, g => Assert.Contains(g, runtime));
    }

    [Fact]
    public void SymmetryKindMirrorsTheRuntime()
    {
        AssertSameMembers<Symbolic.Symmetry.SymmetryKind, Teleport.SymmetryKind>();
        // The runtime's extra member is the hand-written models' Custom, which the generator never emits.
        Assert.Equal(new[] { "Custom" }, Enum.GetNames<Teleport.SymmetryKind>().Except(Enum.GetNames<Symbolic.Symmetry.SymmetryKind>()));
    }

    [Fact]
    public void SymmetryGroupMirrorsTheRuntime()
    {
        AssertSameMembers<Symbolic.Symmetry.SymmetryGroup, Teleport.SymmetryGroup>();
        Assert.Equal(Enum.GetNames<Teleport.SymmetryGroup>(), Enum.GetNames<Symbolic.Symmetry.SymmetryGroup>());
    }

    [Fact]
    public void NetworkLossMirrorsTheRuntime()
    {
        AssertSameMembers<Model.NetworkLoss, Teleport.LossKind>();
        Assert.Equal(Enum.GetNames<Teleport.LossKind>(), Enum.GetNames<Model.NetworkLoss>());
    }
}
