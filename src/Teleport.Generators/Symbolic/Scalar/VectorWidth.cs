namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>The register width of emitted code: scalar, or <c>System.Runtime.Intrinsics.Vector128/256/512</c>.</summary>
internal enum VectorWidth
{
    Scalar = 0,
    V128 = 128,
    V256 = 256,
    V512 = 512,
}
