using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Which of the three bilinear maps of a convolution: <see cref="Forward"/> Y = X ⋆ W, and its two adjoints,
/// <see cref="InputAdjoint"/> δX = δY ⋆ᵀ W (the transposed convolution) and <see cref="WeightAdjoint"/>
/// δW = Σ_s δY_s ⋆ᵀ X_s (the correlation of the output adjoint with the input) — like MatMul's NN, NT and TN.
/// </summary>
internal enum ConvolutionKind
{
    /// <summary>Result [n, C′H′W′] = A [n, CHW] ⋆ B [C′, Ck²].</summary>
    Forward,

    /// <summary>Result [n, CHW] = A [n, C′H′W′] ⋆ᵀ B [C′, Ck²]: ⟨InputAdjoint(G, W), X⟩ = ⟨G, Forward(X, W)⟩.</summary>
    InputAdjoint,

    /// <summary>Result [C′, Ck²] = Σ_s A_s [C′H′W′] ⋆ᵀ B_s [CHW]: ⟨WeightAdjoint(G, X), W⟩ = ⟨G, Forward(X, W)⟩.</summary>
    WeightAdjoint,
}

/// <summary>
/// Result (+)= one of a convolution's three bilinear maps of (A, B) with the shapes of <see cref="Geometry"/>.
/// Forward(X, W) is bilinear and its two adjoints are defined by ⟨G, Forward(X, W)⟩ = ⟨InputAdjoint(G, W), X⟩ =
/// ⟨WeightAdjoint(G, X), W⟩, so every rule is again one of the three (as NN/NT/TN are MatMuls):
/// Forward:       VJP δX += InputAdjoint(δY, W), δW += WeightAdjoint(δY, X);  JVP R{Y} = Forward(R{X}, W) + Forward(X, R{W}).
/// InputAdjoint:  VJP δG += Forward(Λ, W), δW += WeightAdjoint(G, Λ)  (Λ = the result's adjoint, shaped like X).
/// WeightAdjoint: VJP δG += Forward(X, Λ), δX += InputAdjoint(G, Λ)  (Λ shaped like W).
/// The JVP of each is the sum of the map applied to one tangent operand at a time.
/// </summary>
internal sealed record Convolution(Tensor Result, Tensor Left, Tensor Right, ConvolutionKind Kind, ConvolutionGeometry Geometry, bool Adds = false)
    : ImageStatement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Left, Right };

    public override bool Accumulate => Adds;

    public override Statement? AsAccumulating() => this with { Adds = true };

    private Convolution Make(Tensor result, Tensor left, Tensor right, ConvolutionKind kind) => new(result, left, right, kind, Geometry);

    public override void Vjp(ReverseContext context)
    {
        var g = context.AdjointOf(Result);
        if (g is null) return;
        var (a, b) = (Left, Right);
        switch (Kind)
        {
            case ConvolutionKind.Forward: // Y = X ⋆ W
                if (context.Needs(a)) context.Contribute(a, t => Make(t, g, b, ConvolutionKind.InputAdjoint));
                if (context.Needs(b)) context.Contribute(b, t => Make(t, g, a, ConvolutionKind.WeightAdjoint));
                break;
            case ConvolutionKind.InputAdjoint: // δX = G ⋆ᵀ W
                if (context.Needs(a)) context.Contribute(a, t => Make(t, g, b, ConvolutionKind.Forward));
                if (context.Needs(b)) context.Contribute(b, t => Make(t, a, g, ConvolutionKind.WeightAdjoint));
                break;
            case ConvolutionKind.WeightAdjoint: // δW = Σ G ⋆ᵀ X
                if (context.Needs(a)) context.Contribute(a, t => Make(t, b, g, ConvolutionKind.Forward));
                if (context.Needs(b)) context.Contribute(b, t => Make(t, a, g, ConvolutionKind.InputAdjoint));
                break;
        }
    }

    public override void Jvp(TangentContext context)
    {
        var ra = context.TangentOf(Left);
        var rb = context.TangentOf(Right);
        if (ra is not null) context.Contribute(Result, t => Make(t, ra, Right, Kind));
        if (rb is not null) context.Contribute(Result, t => Make(t, Left, rb, Kind));
    }

    public override string Describe() => Kind switch
    {
        ConvolutionKind.Forward => $"{Result.Display} {Assign} {Left.Display} ⋆ {Right.Display}   (convolution {Geometry.Describe()})",
        ConvolutionKind.InputAdjoint => $"{Result.Display} {Assign} {Left.Display} ⋆ᵀ {Right.Display}   (the adjoint of convolution {Geometry.Describe()} in its input)",
        _ => $"{Result.Display} {Assign} Σ_s {Left.Display}_s ⋆ᵀ {Right.Display}_s   (the adjoint of convolution {Geometry.Describe()} in its weights)",
    };
}
