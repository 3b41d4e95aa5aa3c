using Teleport.Integration.Tests.Networks;

namespace Teleport.Integration.Tests;

/// <summary>The float64 twins of the networks whose PyTorch fixtures are Fixtures/torch_&lt;name&gt;.json, by name.</summary>
public static class TorchFixtureNetworks
{
    /// <summary>The networks with a torch_&lt;name&gt;.json fixture (theory data).</summary>
    public static TheoryData<string> Names => new()
    {
        "TanhSigmoidRegressor", "DeepClassifier", "SiluGeluRegressor", "ConvPoolClassifier", "StridedConvRegressor", "AvgPoolLinearConv", "ThreeConvRegressor",
    };

    public static IThirdOrderModel<double> Float64(string name) => name switch
    {
        "TanhSigmoidRegressor" => new TanhSigmoidRegressor.Float64(),
        "DeepClassifier" => new DeepClassifier.Float64(),
        "SiluGeluRegressor" => new SiluGeluRegressor.Float64(),
        "ConvPoolClassifier" => new ConvPoolClassifier.Float64(),
        "StridedConvRegressor" => new StridedConvRegressor.Float64(),
        "AvgPoolLinearConv" => new AvgPoolLinearConv.Float64(),
        "ThreeConvRegressor" => new ThreeConvRegressor.Float64(),
        _ => throw new System.ArgumentException($"No fixture network named {name}.", nameof(name)),
    };
}
