using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Result = Matrix + 1·Vectorᵀ (the bias: every row gets the vector added); with no Matrix, the
/// vector broadcast to every row. VJP: δMatrix = δResult (an alias), δVector += 1ᵀ·δResult (column
/// sums). JVP: R{Result} = R{Matrix} + 1·R{Vector}ᵀ. With <see cref="Repeat"/> r &gt; 1 (a convolution's
/// per-channel bias over r positions) value c of the vector is added to the r columns c·r … c·r + r − 1:
/// Result[s, c·r + p] = Matrix[s, c·r + p] + Vector[c], and the rules keep r.
/// </summary>
internal sealed record BroadcastAdd(Tensor Result, Tensor? Matrix, Tensor Vector, int Repeat = 1) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => Matrix is null ? new[] { Vector } : new[] { Matrix, Vector };

    public override void Vjp(ReverseContext context)
    {
        var g = context.AdjointOf(Result);
        if (g is null) return;
        if (Matrix is not null && context.Needs(Matrix)) context.ContributeIdentity(Matrix, g);
        if (context.Needs(Vector)) context.Contribute(Vector, t => new ColumnSums(t, g, Repeat: Repeat));
    }

    public override void Jvp(TangentContext context)
    {
        var rm = Matrix is null ? null : context.TangentOf(Matrix);
        var rv = context.TangentOf(Vector);
        if (rv is null)
        {
            if (rm is not null) context.ContributeIdentity(Result, rm);
            return;
        }
        context.Contribute(Result, t => new BroadcastAdd(t, rm, rv, Repeat));
    }

    public override string Describe() => (Matrix is null
        ? $"{Result.Display} = 1·{Vector.Display}ᵀ"
        : $"{Result.Display} = {Matrix.Display} + 1·{Vector.Display}ᵀ") + RepeatText;

    /// <summary>For r &gt; 1: "   (per channel, each value over 784 positions)".</summary>
    private string RepeatText => Repeat == 1 ? "" : $"   (per channel: each value over its {Repeat} positions)";
}
