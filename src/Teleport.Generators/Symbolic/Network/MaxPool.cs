using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Result [n, C·H′W′] = Values at the argmax of Selector in each pooling window (Values and Selector [n, C·HW]; the
/// first maximum in row-major order, as PyTorch). Max pooling is PoolGather(Y, X, X). Linear in Values with a
/// piecewise-constant selector (no derivative through it): VJP δValues += PoolScatter(δResult, Selector);
/// JVP R{Result} = PoolGather(R{Values}, Selector).
/// </summary>
internal sealed record PoolGather(Tensor Result, Tensor Values, Tensor Selector, PoolGeometry Geometry) : ImageStatement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Values, Selector };

    public override void Vjp(ReverseContext context)
    {
        var g = context.AdjointOf(Result);
        if (g is null || !context.Needs(Values)) return;
        context.Contribute(Values, t => new PoolScatter(t, g, Selector, Geometry));
    }

    public override void Jvp(TangentContext context)
    {
        var rv = context.TangentOf(Values);
        if (rv is not null) context.Contribute(Result, t => new PoolGather(t, rv, Selector, Geometry));
    }

    public override string Describe() => ReferenceEquals(Values, Selector) || Values.Equals(Selector)
        ? $"{Result.Display} = maxpool({Values.Display})   ({Geometry.Describe()})"
        : $"{Result.Display} = {Values.Display} at argmax of each window of {Selector.Display}   ({Geometry.Describe()})";
}

/// <summary>
/// Result [n, C·HW] (+)= Values [n, C·H′W′] placed at the argmax of Selector [n, C·HW] in each window, zero
/// elsewhere: the adjoint of <see cref="PoolGather"/> in its values. Linear in Values: VJP δValues +=
/// PoolGather(δResult, Selector); JVP R{Result} = PoolScatter(R{Values}, Selector).
/// </summary>
internal sealed record PoolScatter(Tensor Result, Tensor Values, Tensor Selector, PoolGeometry Geometry, bool Adds = false) : ImageStatement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Values, Selector };

    public override bool Accumulate => Adds;

    public override Statement? AsAccumulating() => this with { Adds = true };

    public override void Vjp(ReverseContext context)
    {
        var g = context.AdjointOf(Result);
        if (g is null || !context.Needs(Values)) return;
        context.Contribute(Values, t => new PoolGather(t, g, Selector, Geometry));
    }

    public override void Jvp(TangentContext context)
    {
        var rv = context.TangentOf(Values);
        if (rv is not null) context.Contribute(Result, t => new PoolScatter(t, rv, Selector, Geometry));
    }

    public override string Describe() =>
        $"{Result.Display} {Assign} {Values.Display} at argmax of each window of {Selector.Display}, 0 elsewhere   ({Geometry.Describe()})";
}
