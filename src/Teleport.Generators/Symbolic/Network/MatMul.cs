using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>Which operand is transposed: NN = A·B, NT = A·Bᵀ, TN = Aᵀ·B (row-major storage).</summary>
internal enum MatMulKind
{
    NN,
    NT,
    TN,
}

/// <summary>
/// Result (+)= op(Left)·op(Right). Bilinear, so its rules are one line each:
/// JVP R{C} = op(R{A})·op(B) + op(A)·op(R{B}); VJP for C = A·Bᵀ: δA += δC·B, δB += δCᵀ·A (and the
/// transposed forms for NN and TN).
/// </summary>
internal sealed record MatMul(Tensor Result, Tensor Left, Tensor Right, MatMulKind Kind, bool Adds = false) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Left, Right };

    public override bool Accumulate => Adds;

    public override Statement? AsAccumulating() => this with { Adds = true };


    public override void Vjp(ReverseContext context)
    {
        var g = context.AdjointOf(Result);
        if (g is null) return;
        var (a, b) = (Left, Right);
        switch (Kind)
        {
            case MatMulKind.NN: // C = A·B
                if (context.Needs(a)) context.Contribute(a, t => new MatMul(t, g, b, MatMulKind.NT));
                if (context.Needs(b)) context.Contribute(b, t => new MatMul(t, a, g, MatMulKind.TN));
                break;
            case MatMulKind.NT: // C = A·Bᵀ
                if (context.Needs(a)) context.Contribute(a, t => new MatMul(t, g, b, MatMulKind.NN));
                if (context.Needs(b)) context.Contribute(b, t => new MatMul(t, g, a, MatMulKind.TN));
                break;
            case MatMulKind.TN: // C = Aᵀ·B
                if (context.Needs(a)) context.Contribute(a, t => new MatMul(t, b, g, MatMulKind.NT));
                if (context.Needs(b)) context.Contribute(b, t => new MatMul(t, a, g, MatMulKind.NN));
                break;
        }
    }

    public override void Jvp(TangentContext context)
    {
        var ra = context.TangentOf(Left);
        var rb = context.TangentOf(Right);
        if (ra is not null) context.Contribute(Result, t => new MatMul(t, ra, Right, Kind));
        if (rb is not null) context.Contribute(Result, t => new MatMul(t, Left, rb, Kind));
    }

    public override string Describe() => Kind switch
    {
        MatMulKind.NN => $"{Result.Display} {Assign} {Left.Display}·{Right.Display}",
        MatMulKind.NT => $"{Result.Display} {Assign} {Left.Display}·{Right.Display}ᵀ",
        _ => $"{Result.Display} {Assign} {Left.Display}ᵀ·{Right.Display}",
    };
}
