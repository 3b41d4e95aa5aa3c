namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>A named variable: <c>x</c> in activation formulas, any name in generator-built kernels.</summary>
internal sealed record Variable : Expr
{
    public Variable(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public bool Equals(Variable? other) => other is not null && Name == other.Name;

    public override int GetHashCode() => (Name.GetHashCode() * 31) + 7;
}
