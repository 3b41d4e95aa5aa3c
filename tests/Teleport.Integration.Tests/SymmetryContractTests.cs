using System;

namespace Teleport.Integration.Tests;

/// <summary>
/// The typed symmetry description the generator emits into Info agrees with DESIGN.md's table:
/// kind and id, group and dimension, exactness on every batch size, and data dependence.
/// </summary>
public class SymmetryContractTests
{
    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void InfoDescribesEachSymmetryAsDesignedTyped(string name)
    {
        var info = NetworkCase.Get(name).Create().F.Info;
        foreach (var s in info.Symmetries)
        {
            var (id, diagonal, dataDependent) = s.Kind switch
            {
                SymmetryKind.GeneralLinear => ("S1", false, false),
                SymmetryKind.Diagonal => ("S2", true, false),
                SymmetryKind.DataDependent => ("S3", false, true),
                SymmetryKind.LeastSquares => ("S4", false, true),
                _ => throw new Xunit.Sdk.XunitException($"{name}: the generator emitted kind {s.Kind}"),
            };
            var where = $"{name} {s.Id}@{s.Layer}";
            Assert.Equal(id, s.Id);
            Assert.Equal(diagonal, s.IsDiagonal);
            Assert.Equal(diagonal ? s.Width : s.Width * s.Width, s.Dimension);
            Assert.Equal(dataDependent, s.IsDataDependent);
            // The width counts units: a dense layer's outputs, a convolution's output channels.
            Assert.Equal(info.Layers[s.Layer].Units, s.Width);
            // U is the weight of the next layer with parameters: the next layer, or after the poolings between.
            Assert.True(s.NextLayer > s.Layer, where);
            for (var between = s.Layer + 1; between < s.NextLayer; between++)
                Assert.True(info.Layers[between].Kind is LayerKind.MaxPool2d or LayerKind.AvgPool2d, $"{where}: layer {between} between V and U");
            Assert.False(info.Layers[s.NextLayer].Kind is LayerKind.MaxPool2d or LayerKind.AvgPool2d, where);
            Assert.Equal(!dataDependent, s.IsExact);
            for (var n = 1; n <= 2 * info.InputSize + 20; n++)
                Assert.True(Orbit.ExactOn(info, s, n) == s.IsExactOn(n), $"{where}: exactness at n = {n}");
        }
    }
}
