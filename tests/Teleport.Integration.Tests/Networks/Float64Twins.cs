using Teleport.Teleportation;

namespace Teleport.Integration.Tests.Networks;

// Each test network hands its generated Float64 twin to the teleporter, whose loss guard then runs in double.

public partial class PaperMlp : IHasFloat64Twin
{
    IDifferentiableModel<double> IHasFloat64Twin.CreateFloat64Twin() => ToFloat64();
}

public partial class LogisticRegression : IHasFloat64Twin
{
    IDifferentiableModel<double> IHasFloat64Twin.CreateFloat64Twin() => ToFloat64();
}

public partial class TanhSigmoidRegressor : IHasFloat64Twin
{
    IDifferentiableModel<double> IHasFloat64Twin.CreateFloat64Twin() => ToFloat64();
}

public partial class DeepClassifier : IHasFloat64Twin
{
    IDifferentiableModel<double> IHasFloat64Twin.CreateFloat64Twin() => ToFloat64();
}

public partial class SiluGeluRegressor : IHasFloat64Twin
{
    IDifferentiableModel<double> IHasFloat64Twin.CreateFloat64Twin() => ToFloat64();
}

public partial class CustomFormulas : IHasFloat64Twin
{
    IDifferentiableModel<double> IHasFloat64Twin.CreateFloat64Twin() => ToFloat64();
}

public partial class LinearNetwork : IHasFloat64Twin
{
    IDifferentiableModel<double> IHasFloat64Twin.CreateFloat64Twin() => ToFloat64();
}

public partial class NeuripsRegression : IHasFloat64Twin
{
    IDifferentiableModel<double> IHasFloat64Twin.CreateFloat64Twin() => ToFloat64();
}

public partial class WideMlp : IHasFloat64Twin
{
    IDifferentiableModel<double> IHasFloat64Twin.CreateFloat64Twin() => ToFloat64();
}
