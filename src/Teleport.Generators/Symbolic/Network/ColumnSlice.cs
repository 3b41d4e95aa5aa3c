using System.Collections.Generic;
using System.Globalization;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Result = Source[:, Start … Start + Result.Columns − 1]: a view of a column block, not a copy (the storage map
/// makes Result an alias with Source's row stride; only elementwise maps read or write views, one row at a time).
/// Linear, so its rules are views too: JVP R{Result} = R{Source}[:, block]; VJP: δResult is δSource's block
/// (<see cref="ColumnBlock"/>), so the gate adjoints of an LSTM land in δG without a copy.
/// </summary>
internal sealed record ColumnSlice(Tensor Result, Tensor Source, int Start) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Source };

    public override void Vjp(ReverseContext context)
    {
        var g = context.AdjointOf(Result);
        if (g is null || !context.Needs(Source)) return;
        context.ContributeBlock(Source, Start, g);
    }

    public override void Jvp(TangentContext context)
    {
        var rs = context.TangentOf(Source);
        if (rs is not null) context.DefineView(Result, rs, Start);
    }

    public override string Describe() =>
        $"{Result.Display} = {Source.Display}[:, {Start.ToString(CultureInfo.InvariantCulture)}:{(Start + Result.Columns).ToString(CultureInfo.InvariantCulture)}]   (a view)";
}

/// <summary>
/// Result[:, Start … Start + Part.Columns − 1] is Part: Part becomes a view of that column block of Result, so what
/// was written to Part is Result's block (the adjoint of <see cref="ColumnSlice"/>: the blocks together make δSource).
/// Its JVP is again a block: R{Result}[:, block] = R{Part}.
/// </summary>
internal sealed record ColumnBlock(Tensor Result, Tensor Part, int Start) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Part };

    public override void Vjp(ReverseContext context) =>
        throw new System.InvalidOperationException("Derivatives of a column block's adjoint (third order) are not derived.");

    public override void Jvp(TangentContext context)
    {
        var rp = context.TangentOf(Part);
        if (rp is not null) context.ContributeBlock(Result, Start, rp);
    }

    public override string Describe() =>
        $"{Result.Display}[:, {Start.ToString(CultureInfo.InvariantCulture)}:{(Start + Part.Columns).ToString(CultureInfo.InvariantCulture)}] = {Part.Display}   (a view)";
}
