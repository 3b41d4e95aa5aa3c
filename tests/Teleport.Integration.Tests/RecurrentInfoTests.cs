using Teleport.Integration.Tests.Networks;

namespace Teleport.Integration.Tests;

/// <summary>Info says what each layer of a recurrent network is: LSTM cells are not described as dense layers.</summary>
public class RecurrentInfoTests
{
    [Fact]
    public void LstmLayersCarryTheirKindAndDescription()
    {
        var layers = StackedLstmClassifier.Info.Layers;
        Assert.Equal(LayerKind.Lstm, layers[0].Kind);
        Assert.Equal(LayerKind.Lstm, layers[1].Kind);
        Assert.Equal(LayerKind.Dense, layers[2].Kind);
        Assert.Equal("lstm 5 → 3 (LSTM cell, per step)", layers[1].Describe());
        Assert.StartsWith("dense ", layers[2].Describe());
    }
}
