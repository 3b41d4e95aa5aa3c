namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>The element type of emitted code.</summary>
internal enum NumericType
{
    /// <summary><c>float</c>, <c>System.MathF</c>.</summary>
    Float32,

    /// <summary><c>double</c>, <c>System.Math</c>.</summary>
    Float64,
}
