using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Result (+)= 1ᵀ·Matrix (sum over the batch rows; the bias gradient). Linear: JVP R{Result} =
/// 1ᵀ·R{Matrix}; VJP δMatrix += 1·δResultᵀ. With <see cref="Repeat"/> r &gt; 1 the r columns of each channel
/// are summed too: Result[c] (+)= Σ_s Σ_{p&lt;r} Matrix[s, c·r + p] (a convolution's bias gradient).
/// </summary>
internal sealed record ColumnSums(Tensor Result, Tensor Matrix, bool Adds = false, int Repeat = 1) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Matrix };

    public override bool Accumulate => Adds;

    public override Statement? AsAccumulating() => this with { Adds = true };

    public override void Vjp(ReverseContext context)
    {
        var g = context.AdjointOf(Result);
        if (g is null || !context.Needs(Matrix)) return;
        context.Contribute(Matrix, t => new BroadcastAdd(t, null, g, Repeat));
    }

    public override void Jvp(TangentContext context)
    {
        var rm = context.TangentOf(Matrix);
        if (rm is not null) context.Contribute(Result, t => new ColumnSums(t, rm, Repeat: Repeat));
    }

    public override string Describe() => $"{Result.Display} {Assign} 1ᵀ·{Matrix.Display}" +
        (Repeat == 1 ? "" : $"   (per channel: summed over its {Repeat} positions too)");
}
