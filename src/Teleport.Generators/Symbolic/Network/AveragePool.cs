using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Result [n, C·H′W′] = the mean of Values [n, C·HW] over each k×k window. Linear: VJP δValues +=
/// AveragePoolAdjoint(δResult); JVP R{Result} = AveragePool(R{Values}).
/// </summary>
internal sealed record AveragePool(Tensor Result, Tensor Values, PoolGeometry Geometry) : ImageStatement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Values };

    public override void Vjp(ReverseContext context)
    {
        var g = context.AdjointOf(Result);
        if (g is null || !context.Needs(Values)) return;
        context.Contribute(Values, t => new AveragePoolAdjoint(t, g, Geometry));
    }

    public override void Jvp(TangentContext context)
    {
        var rv = context.TangentOf(Values);
        if (rv is not null) context.Contribute(Result, t => new AveragePool(t, rv, Geometry));
    }

    public override string Describe() => $"{Result.Display} = avgpool({Values.Display})   ({Geometry.Describe()})";
}

/// <summary>
/// Result [n, C·HW] (+)= Values [n, C·H′W′]/k² spread over each k×k window: the adjoint of <see cref="AveragePool"/>.
/// Linear: VJP δValues += AveragePool(δResult); JVP R{Result} = AveragePoolAdjoint(R{Values}).
/// </summary>
internal sealed record AveragePoolAdjoint(Tensor Result, Tensor Values, PoolGeometry Geometry, bool Adds = false) : ImageStatement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Values };

    public override bool Accumulate => Adds;

    public override Statement? AsAccumulating() => this with { Adds = true };

    public override void Vjp(ReverseContext context)
    {
        var g = context.AdjointOf(Result);
        if (g is null || !context.Needs(Values)) return;
        context.Contribute(Values, t => new AveragePool(t, g, Geometry));
    }

    public override void Jvp(TangentContext context)
    {
        var rv = context.TangentOf(Values);
        if (rv is not null) context.Contribute(Result, t => new AveragePoolAdjoint(t, rv, Geometry));
    }

    public override string Describe() => $"{Result.Display} {Assign} {Values.Display}/{Geometry.Kernel * Geometry.Kernel} spread over each window   (the adjoint of avgpool {Geometry.Describe()})";
}
