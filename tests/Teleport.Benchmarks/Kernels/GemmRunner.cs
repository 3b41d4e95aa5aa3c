using System;
using System.Runtime.InteropServices;
using Teleport.Kernels;

namespace Teleport.Benchmarks.Kernels;

/// <summary>
/// Holds seeded operands for one shape and runs the product. The operands are 64-byte aligned
/// native memory, so timings do not vary with where the GC happened to put an array.
/// </summary>
public sealed unsafe class GemmRunner : IDisposable
{
    private readonly float* _a, _b, _c;

    public GemmRunner(GemmShape shape)
    {
        Shape = shape;
        var random = new Random(42);
        _a = Allocate(shape.M * shape.K, random);
        _b = Allocate(shape.K * shape.N, random);
        _c = Allocate(shape.M * shape.N, random);
    }

    public GemmShape Shape { get; }

    /// <summary>The operands (m·k, k·n, m·n floats, 64-byte aligned), for a reference library to run the same product.</summary>
    internal float* A => _a;
    internal float* B => _b;
    internal float* C => _c;

    public void Run()
    {
        var s = Shape;
        var a = new ReadOnlySpan<float>(_a, s.M * s.K);
        var b = new ReadOnlySpan<float>(_b, s.K * s.N);
        var c = new Span<float>(_c, s.M * s.N);
        switch (s.Kind)
        {
            case "NN": MatrixMultiply.NN(a, b, c, s.M, s.K, s.N); break;
            case "NT": MatrixMultiply.NT(a, b, c, s.M, s.K, s.N); break;
            default: MatrixMultiply.TN(a, b, c, s.M, s.K, s.N); break;
        }
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_a);
        NativeMemory.AlignedFree(_b);
        NativeMemory.AlignedFree(_c);
    }

    private static float* Allocate(int length, Random random)
    {
        var p = (float*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1) * sizeof(float), 64);
        for (int i = 0; i < length; i++) p[i] = random.NextSingle() - 0.5f;
        return p;
    }
}
