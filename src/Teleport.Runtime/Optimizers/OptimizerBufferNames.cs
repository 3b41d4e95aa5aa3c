namespace Teleport.Optimizers;

/// <summary>Buffer names: PyTorch's per-parameter <c>optimizer.state</c> keys, so state maps 1:1.</summary>
public static class OptimizerBufferNames
{
    /// <summary>SGD and RMSProp momentum.</summary>
    public const string MomentumBuffer = "momentum_buffer";

    /// <summary>AdaGrad's sum of squared gradients.</summary>
    public const string Sum = "sum";

    /// <summary>RMSProp's average of squared gradients.</summary>
    public const string SquareAverage = "square_avg";

    /// <summary>Centered RMSProp's average of gradients.</summary>
    public const string GradientAverage = "grad_avg";

    /// <summary>Adam's first moment.</summary>
    public const string ExpAvg = "exp_avg";

    /// <summary>Adam's second moment.</summary>
    public const string ExpAvgSq = "exp_avg_sq";

    /// <summary>AMSGrad's running maximum of the second moment.</summary>
    public const string MaxExpAvgSq = "max_exp_avg_sq";
}
