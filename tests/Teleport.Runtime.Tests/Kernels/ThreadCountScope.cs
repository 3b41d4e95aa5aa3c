using System;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// Restores <see cref="MatrixMultiply.MaxThreads"/> when the scope ends (the test sets it as it goes). The setting is
/// process-wide: tests that use this run in the <see cref="GlobalKernelSettings"/> collection.
/// </summary>
internal sealed class ThreadCountScope : IDisposable
{
    private readonly int _saved = MatrixMultiply.MaxThreads;

    public void Dispose() => MatrixMultiply.MaxThreads = _saved;
}
