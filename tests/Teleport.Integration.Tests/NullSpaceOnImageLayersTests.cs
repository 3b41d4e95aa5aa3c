using System;
using Teleport.Integration.Tests.Networks;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests;

/// <summary>The null-space teleport is defined for dense layers: a CNN is refused by name, not projected wrongly.</summary>
public class NullSpaceOnImageLayersTests
{
    [Fact]
    public void AConvolutionalNetworkIsRefusedNamingTheLayer()
    {
        var model = new ConvPoolClassifier();
        model.InitializeParameters(3);
        var e = Assert.Throws<ArgumentException>(() => new NullSpaceTeleporter<float>(model));
        Assert.Contains("layer 0 of", e.Message);
        Assert.Contains("Conv2d", e.Message);
        Assert.Contains("group or level-set", e.Message);
    }
}
