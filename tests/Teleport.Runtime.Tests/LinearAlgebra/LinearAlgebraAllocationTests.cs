using System;
using Teleport.LinearAlgebra;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.LinearAlgebra;

/// <summary>The workspace variants allocate nothing (after JIT warm-up).</summary>
public sealed class LinearAlgebraAllocationTests
{
    [Fact]
    public void WorkspaceVariantsAllocateNothing()
    {
        const int n = 16, m = 6, p = 3;
        double[] a = MatrixTestData.Random<double>(5, n, n, 0.5);
        double[] spd = MatrixTestData.RandomSpd<double>(6, n);
        double[] wide = MatrixTestData.Random<double>(7, m, n);
        double[] b = MatrixTestData.Random<double>(8, m, p);
        double[] c = MatrixTestData.Random<double>(9, p, n);
        var matrix = new double[n * n];
        var result = new double[n * n];
        var rhs = new double[n * p];
        var pivots = new int[n];
        var workspace = new double[Math.Max(MatrixExponential.WorkspaceLength(n), NormalEquations.PseudoInverseTimesWorkspaceLength(m, n, p) + NormalEquations.TimesPseudoInverseWorkspaceLength(m, n, p))];

        void RunAll()
        {
            Assert.True(MatrixExponential.TryCompute<double>(a, n, result, workspace));
            Assert.True(Cayley.TryCompute<double>(a, n, result, workspace));
            spd.CopyTo(matrix, 0);
            Assert.True(Cholesky.Factor<double>(matrix, n, CholeskyRidge.Recommended<double>()).Succeeded);
            Cholesky.SolveColumns<double>(matrix, n, rhs, p);
            Cholesky.SolveRows<double>(matrix, n, result.AsSpan(0, 2 * n), 2);
            a.CopyTo(matrix, 0);
            Assert.True(LuDecomposition.Factor<double>(matrix, n, pivots).Succeeded);
            LuDecomposition.SolveColumns<double>(matrix, pivots, n, rhs, p);
            LuDecomposition.Invert<double>(matrix, pivots, n, result);
            a.CopyTo(matrix, 0);
            Assert.True(LuDecomposition.TrySolveInPlace<double>(matrix, n, rhs, p));
            Assert.True(NormalEquations.PseudoInverseTimes<double>(wide, m, n, b, p, rhs, workspace, CholeskyRidge.None).Succeeded);
            Assert.True(NormalEquations.TimesPseudoInverse<double>(wide, m, n, c, p, result.AsSpan(0, p * m), workspace, CholeskyRidge.None).Succeeded);
            SmallMatrix.MultiplyNN<double>(a, spd, result, n, n, n);
        }

        for (int i = 0; i < 30; i++)
        {
            RunAll();
        }

        Assert.Equal(0, Allocations.SteadyState(RunAll));
    }
}
