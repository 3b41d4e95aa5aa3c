namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>A real constant. 0 and −0 are equal (and hash alike), as are all NaNs.</summary>
internal sealed record Constant : Expr
{
    public Constant(double value)
    {
        Value = value;
    }

    public double Value { get; }

    public bool Equals(Constant? other) => other is not null && Value.Equals(other.Value);

    public override int GetHashCode() => Value == 0 ? 0 : double.IsNaN(Value) ? 1 : Value.GetHashCode();
}
