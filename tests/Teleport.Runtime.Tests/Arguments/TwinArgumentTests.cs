using System;
using Teleport.Geometry;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>A double-precision twin must be the model's network, not only have as many parameters.</summary>
public sealed class TwinArgumentTests
{
    [Fact]
    public void ATwinOfAnotherNetworkIsRefused()
    {
        // A twin with 43 parameters of another activation or loss was accepted: the teleport's guard judged it by that
        // network's loss, and the report gave that loss as the model's (0.81 for 0.78).
        var model = new TwinLeaky();
        model.InitializeParameters(1);
        var tanh = ((IHasFloat64Twin)new TwinTanh()).CreateFloat64Twin();
        var mse = ((IHasFloat64Twin)new TwinMse()).CreateFloat64Twin();
        Assert.Equal(model.Parameters.Length, tanh.Parameters.Length);
        Assert.Equal(model.Parameters.Length, mse.Parameters.Length);

        var error = Assert.Throws<ArgumentException>("guard", () => new Teleporter<float>(model, tanh));
        Assert.Contains("layer 0", error.Message);
        Assert.Contains("tanh", error.Message);
        Assert.Contains("loss", Assert.Throws<ArgumentException>("guard", () => new Teleporter<float>(model, mse)).Message);
        Assert.Throws<ArgumentException>("twin", () => new WidenedOrbitCurvature<float>(model, tanh));

        // the network's own twin, and another instance of it, still guard it
        _ = new Teleporter<float>(model, ((IHasFloat64Twin)model).CreateFloat64Twin());
        _ = new Teleporter<float>(model, ((IHasFloat64Twin)new TwinLeaky()).CreateFloat64Twin());
        _ = new WidenedOrbitCurvature<float>(model, ((IHasFloat64Twin)model).CreateFloat64Twin());
    }
}

[Network(Inputs = 4, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(5, Activation = "leaky_relu(0.1)")]
[Dense(3)]
public partial class TwinLeaky { }

[Network(Inputs = 4, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(5, Activation = "tanh")]
[Dense(3)]
public partial class TwinTanh { }

[Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
[Dense(5, Activation = "leaky_relu(0.1)")]
[Dense(3)]
public partial class TwinMse { }
