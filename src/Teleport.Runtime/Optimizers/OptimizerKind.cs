namespace Teleport.Optimizers;

/// <summary>The optimizers Teleport implements, each with PyTorch 1.13's semantics and defaults.</summary>
public enum OptimizerKind
{
    /// <summary><c>torch.optim.SGD</c> (momentum 0 unless set).</summary>
    Sgd,

    /// <summary><c>torch.optim.SGD</c> with momentum 0.9 unless set (heavy ball, or Nesterov with <see cref="OptimizerSettings.Nesterov"/>).</summary>
    Momentum,

    /// <summary><c>torch.optim.Adagrad</c>.</summary>
    AdaGrad,

    /// <summary><c>torch.optim.RMSprop</c>.</summary>
    RmsProp,

    /// <summary><c>torch.optim.Adam</c> (L2 weight decay added to the gradient).</summary>
    Adam,

    /// <summary><c>torch.optim.AdamW</c> (decoupled weight decay, 0.01 unless set).</summary>
    AdamW,
}
