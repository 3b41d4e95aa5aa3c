namespace Teleport.Cli.Tests;

/// <summary>
/// Tests that set or assert <see cref="Teleport.Kernels.MatrixMultiply.MaxThreads"/> (process-wide): they run alone, after
/// the parallel collections, so that no other test's <c>--threads</c> changes it under them.
/// </summary>
[CollectionDefinition(nameof(GlobalKernelSettings), DisableParallelization = true)]
public sealed class GlobalKernelSettings;
