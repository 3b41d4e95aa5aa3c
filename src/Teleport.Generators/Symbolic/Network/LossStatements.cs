using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>A statement that also yields the scalar loss L (the root of reverse mode, with δL = 1).</summary>
internal abstract record LossStatement : Statement
{
    public sealed override void Jvp(TangentContext context)
    {
        // R{L} is never needed; the loss's derived quantities have their own tangent rules.
    }

    /// <summary>The rows a loss averages over, for descriptions: n, or steps·n for a sequence (a recurrent network's outputs at every step).</summary>
    public static string Rows(Tensor t) => t.PerStep ? "(steps·n)" : "n";
}

/// <summary>
/// L = −(1/n)·Σ_s log softmax(Z_s)[y_s], keeping P = softmax(Z) when the gradient needs it.
/// VJP: δZ = (P − onehot(y))/n.
/// </summary>
internal sealed record SoftmaxCrossEntropyLoss(Tensor? Probabilities, Tensor Logits, Tensor Labels) : LossStatement
{
    public override Tensor? Output => Probabilities;

    public override IEnumerable<Tensor> Inputs => new[] { Logits, Labels };

    public override void Vjp(ReverseContext context)
    {
        var p = Probabilities ?? throw new InvalidOperationException("The gradient of the cross-entropy needs the probabilities.");
        context.Contribute(Logits, t => new SoftmaxCrossEntropyGradient(t, p, Labels, Logits));
    }

    public override string Describe() =>
        $"L = −(1/{LossStatement.Rows(Logits)})·Σ log softmax({Logits.Display})[y]" + (Probabilities is null ? "" : $",  {Probabilities.Display} = softmax({Logits.Display}) row-wise");
}

/// <summary>
/// Result = (P − onehot(y))/n, the adjoint of the logits. JVP with respect to the logits Z:
/// R{Result} = (P⊙R{Z} − P·(Pᵀ·R{Z}))/n per row, i.e. (diag p − ppᵀ)·R{z}/n per sample.
/// </summary>
internal sealed record SoftmaxCrossEntropyGradient(Tensor Result, Tensor Probabilities, Tensor Labels, Tensor Logits) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Probabilities, Labels };

    public override void Vjp(ReverseContext context) =>
        throw new InvalidOperationException("Third-order derivatives of the cross-entropy are not derived.");

    public override void Jvp(TangentContext context)
    {
        var rz = context.TangentOf(Logits);
        if (rz is not null) context.Contribute(Result, t => new SoftmaxCrossEntropyTangent(t, Probabilities, rz, Logits));
    }

    public override string Describe() => $"{Result.Display} = ({Probabilities.Display} − onehot(y))/{LossStatement.Rows(Result)}";
}

/// <summary>
/// Result = (P⊙R − P·(Pᵀ·R))/n per row: the tangent of the cross-entropy's logit adjoint, with P = softmax(Z) of
/// <see cref="Logits"/> Z. JVP (a second tangent, for D³L): P moves by Q = P⊙S − P·(Pᵀ·S) along the logits' tangent
/// S and R by its own tangent R′, which is <see cref="SoftmaxCrossEntropySecondTangent"/>.
/// </summary>
internal sealed record SoftmaxCrossEntropyTangent(Tensor Result, Tensor Probabilities, Tensor Direction, Tensor Logits) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Probabilities, Direction };

    public override void Vjp(ReverseContext context) =>
        throw new InvalidOperationException("Derivatives of the cross-entropy tangent are not derived.");

    public override void Jvp(TangentContext context)
    {
        var s = context.TangentOf(Logits);
        var rr = context.TangentOf(Direction);
        if (s is null && rr is null) return;
        context.Contribute(Result, t => new SoftmaxCrossEntropySecondTangent(t, Probabilities, Direction, s, rr));
    }

    public override string Describe() =>
        $"{Result.Display} = ({Probabilities.Display}⊙{Direction.Display} − {Probabilities.Display}·({Probabilities.Display}ᵀ{Direction.Display}))/n   (per row)";
}

/// <summary>
/// The tangent of <see cref="SoftmaxCrossEntropyTangent"/> (the third derivative of the cross-entropy in the logits):
/// with Q = P⊙S − P·(Pᵀ·S) (the tangent of P = softmax(Z) along S, the logits' tangent) and R′ the tangent of R,
/// Result = (Q⊙(R − Pᵀ·R) + P⊙(R′ − Qᵀ·R − Pᵀ·R′))/n per row. A missing S or R′ is zero.
/// </summary>
internal sealed record SoftmaxCrossEntropySecondTangent(Tensor Result, Tensor Probabilities, Tensor Direction, Tensor? LogitsTangent, Tensor? SecondDirection) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs
    {
        get
        {
            yield return Probabilities;
            yield return Direction;
            if (LogitsTangent is not null) yield return LogitsTangent;
            if (SecondDirection is not null) yield return SecondDirection;
        }
    }

    public override void Vjp(ReverseContext context) =>
        throw new InvalidOperationException("Derivatives of the cross-entropy's second tangent are not derived.");

    public override void Jvp(TangentContext context) =>
        throw new InvalidOperationException("Fourth-order derivatives of the cross-entropy are not derived.");

    public override string Describe()
    {
        var (p, r) = (Probabilities.Display, Direction.Display);
        var terms = new List<string>();
        if (LogitsTangent is not null) terms.Add($"Q⊙({r} − {p}ᵀ{r}) − {p}·(Qᵀ{r})");
        if (SecondDirection is { } rr) terms.Add($"{p}⊙{rr.Display} − {p}·({p}ᵀ{rr.Display})");
        var q = LogitsTangent is { } s ? $",  Q = {p}⊙{s.Display} − {p}·({p}ᵀ{s.Display})" : "";
        return $"{Result.Display} = ({string.Join(" + ", terms)})/n{q}   (per row)";
    }
}

/// <summary>L = (1/N)·Σ (Ŷ − T)², N = n·OutputSize. VJP: δŶ = 2(Ŷ − T)/N.</summary>
internal sealed record MeanSquaredErrorLoss(Tensor Predictions, Tensor Targets) : LossStatement
{
    public override Tensor? Output => null;

    public override IEnumerable<Tensor> Inputs => new[] { Predictions, Targets };

    public override void Vjp(ReverseContext context) =>
        context.Contribute(Predictions, t => new MeanSquaredErrorGradient(t, Predictions, Targets));

    public override string Describe() => $"L = (1/N)·Σ ({Predictions.Display} − T)²,  N = {LossStatement.Rows(Predictions)}·{Predictions.Columns}";
}

/// <summary>Result = 2(Ŷ − T)/N. JVP: R{Result} = 2·R{Ŷ}/N.</summary>
internal sealed record MeanSquaredErrorGradient(Tensor Result, Tensor Predictions, Tensor Targets) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Predictions, Targets };

    public override void Vjp(ReverseContext context) =>
        throw new InvalidOperationException("Third-order derivatives of the squared error are not derived.");

    public override void Jvp(TangentContext context)
    {
        var ry = context.TangentOf(Predictions);
        if (ry is not null) context.Contribute(Result, t => new MeanSquaredErrorTangent(t, ry));
    }

    public override string Describe() => $"{Result.Display} = 2({Predictions.Display} − T)/N";
}

/// <summary>Result = 2·R{Ŷ}/N (the tangent of the squared error's adjoint).</summary>
internal sealed record MeanSquaredErrorTangent(Tensor Result, Tensor Direction) : Statement
{
    public override Tensor? Output => Result;

    public override IEnumerable<Tensor> Inputs => new[] { Direction };

    public override void Vjp(ReverseContext context) =>
        throw new InvalidOperationException("Derivatives of the squared-error tangent are not derived.");

    /// <summary>Linear in R{Ŷ} (the squared error's third derivative is zero): RR = 2·R′/N with R′ the tangent of R{Ŷ}.</summary>
    public override void Jvp(TangentContext context)
    {
        var rr = context.TangentOf(Direction);
        if (rr is not null) context.Contribute(Result, t => new MeanSquaredErrorTangent(t, rr));
    }

    public override string Describe() => $"{Result.Display} = 2·{Direction.Display}/N";
}
