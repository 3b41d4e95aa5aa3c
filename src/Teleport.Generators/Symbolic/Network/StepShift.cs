using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Result_t = State_{t−1}, and Result_0 = Initial (zero when there is none): how a <see cref="Recurrence"/> body
/// reads the state its previous step wrote (an LSTM's h and c). State and Result are per-step tensors. The
/// initial state is a constant (zero, or a window's carried state), so it gets no adjoint. VJP: δState_{t−1} +=
/// δResult_t (<see cref="StepShiftAdjoint"/>, an accumulation into the step before); JVP: R{Result} is R{State}
/// shifted, with R{Initial} = 0.
/// </summary>
internal sealed record StepShift(Tensor Result, Tensor State, Tensor? Initial) : Statement
{
    public override Tensor? Output => Result;

    /// <summary>State is read at t − 1 (a lagged read), Initial at t = 0.</summary>
    public override IEnumerable<Tensor> Inputs => Initial is null ? new[] { State } : new[] { State, Initial };

    public override void Vjp(ReverseContext context)
    {
        var g = context.AdjointOf(Result);
        if (g is null || !context.Needs(State)) return;
        context.Contribute(State, t => new StepShiftAdjoint(t, g));
    }

    public override void Jvp(TangentContext context)
    {
        var rs = context.TangentOf(State);
        if (rs is not null) context.Contribute(Result, t => new StepShift(t, rs, null));
    }

    public override string Describe() =>
        $"{Result.Display} = {State.Display} of step t − 1 ({(Initial is null ? "0" : Initial.Display)} at t = 0)";
}

/// <summary>
/// Result_{t−1} += Source_t for t ≥ 1 (at t = 0 the initial state's adjoint, dropped: the initial state is a
/// constant). Always accumulates: the state adjoint is zeroed before the loop and collects one such term per step
/// besides what its own step's readers contribute. JVP: the same shift of the tangents.
/// </summary>
internal sealed record StepShiftAdjoint(Tensor Result, Tensor Source) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Source };

    public override bool Accumulate => true;

    public override Statement? AsAccumulating() => this;

    public override void Vjp(ReverseContext context) =>
        throw new System.InvalidOperationException("Derivatives of a state's adjoint shift (third order) are not derived.");

    public override void Jvp(TangentContext context)
    {
        var rs = context.TangentOf(Source);
        if (rs is not null) context.Contribute(Result, t => new StepShiftAdjoint(t, rs));
    }

    public override string Describe() => $"{Result.Display} of step t − 1 += {Source.Display}   (t ≥ 1)";
}
