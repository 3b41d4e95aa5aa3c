namespace Teleport.Optimizers;

/// <summary>
/// How an optimizer state buffer relates to the gradient, which decides how it should be carried
/// along when the parameters are moved by a group action (a teleport).
/// </summary>
public enum OptimizerBufferKind
{
    /// <summary>
    /// Linear in past gradients, so it transforms like a gradient: <c>momentum_buffer</c> (SGD),
    /// <c>exp_avg</c>, <c>grad_avg</c>.
    /// </summary>
    FirstMoment,

    /// <summary>
    /// A decaying average (or its running maximum) of squared gradients, so it transforms like an
    /// elementwise squared gradient: <c>square_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>.
    /// </summary>
    SecondMoment,

    /// <summary>
    /// An undecayed sum of squared gradients that starts at a constant and only grows: AdaGrad's
    /// <c>sum</c>. It transforms like a squared gradient but carries the whole history.
    /// </summary>
    Accumulator,

    /// <summary>
    /// Linear in past preconditioned gradients g/(√v + eps): RMSProp's <c>momentum_buffer</c>. A diagonal rescaling of
    /// the parameters multiplies a parameter's g by c and its √v by |c|, so each term is unchanged (but for eps) and the
    /// buffer is carried as it is; under a general linear change of basis there is no such rule.
    /// </summary>
    PreconditionedMoment,
}
