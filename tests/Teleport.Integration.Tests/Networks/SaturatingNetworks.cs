using Teleport;

namespace Teleport.Integration.Tests.Networks;

// Networks whose units saturate at initialisation with weights ~N(0, 0.4²) and standard-normal
// inputs: the tanh/softplus network (its input width unstated; 32 here, where a third of
// the tanh units sit within 1e-3 of ±1 on some sample) and the same with sigmoid in place of tanh.

/// <summary>32-23-11-5: tanh, softplus, bias, MSE.</summary>
[Network(Inputs = 32, Loss = LossKind.MeanSquaredError)]
[Dense(23, Activation = "tanh")]
[Dense(11, Activation = "softplus")]
[Dense(5)]
public partial class TanhSoftplusRegressor { }

/// <summary>32-23-11-5: sigmoid, softplus, bias, MSE.</summary>
[Network(Inputs = 32, Loss = LossKind.MeanSquaredError)]
[Dense(23, Activation = "sigmoid")]
[Dense(11, Activation = "softplus")]
[Dense(5)]
public partial class SigmoidSoftplusRegressor { }
