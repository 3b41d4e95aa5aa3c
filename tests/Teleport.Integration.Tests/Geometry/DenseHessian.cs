using System;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>Brute force for the geometry measures: the full Hessian (from HVPs or differences of gradients) and a dense eigensolver.</summary>
internal static class DenseHessian
{
    /// <summary>H[:, i] = H·eᵢ from the model's Hessian-vector product, row-major P×P.</summary>
    public static double[] FromProducts(IDifferentiableModel<double> model, double[] inputs, Targets<double> targets)
    {
        var p = model.Parameters.Length;
        var h = new double[p * p];
        var e = new double[p];
        var column = new double[p];
        for (var i = 0; i < p; i++)
        {
            e[i] = 1;
            model.HessianVectorProduct(inputs, targets, e, column);
            e[i] = 0;
            for (var r = 0; r < p; r++) h[r * p + i] = column[r];
        }
        return h;
    }

    /// <summary>The diagonal Hᵢᵢ by central differences of the gradient, (∇L(w + h·eᵢ) − ∇L(w − h·eᵢ))ᵢ / 2h.</summary>
    public static double[] DiagonalByDifferences(IDifferentiableModel<double> model, double[] inputs, Targets<double> targets, double step)
    {
        var p = model.Parameters.Length;
        var plus = new double[p];
        var minus = new double[p];
        var diagonal = new double[p];
        for (var i = 0; i < p; i++)
        {
            var saved = model.Parameters[i];
            model.Parameters[i] = saved + step;
            model.LossAndGradient(inputs, targets, plus);
            model.Parameters[i] = saved - step;
            model.LossAndGradient(inputs, targets, minus);
            model.Parameters[i] = saved;
            diagonal[i] = (plus[i] - minus[i]) / (2 * step);
        }
        return diagonal;
    }

    /// <summary>The eigenvalues (ascending) and eigenvectors (columns, row-major) of a symmetric matrix, by cyclic Jacobi rotations.</summary>
    public static (double[] Values, double[] Vectors) Jacobi(double[] matrix, int n)
    {
        var a = (double[])matrix.Clone();
        // Symmetrise the HVP's rounding.
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                a[i * n + j] = a[j * n + i] = 0.5 * (a[i * n + j] + a[j * n + i]);
        var v = new double[n * n];
        for (var i = 0; i < n; i++) v[i * n + i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                {
                    total += a[i * n + j] * a[i * n + j];
                    if (i != j) off += a[i * n + j] * a[i * n + j];
                }
            if (off <= 1e-30 * total) break;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[p * n + q];
                    if (Math.Abs(apq) < 1e-300) continue;
                    var theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k * n + p];
                        var akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p * n + k];
                        var aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k * n + p];
                        var vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
        }
        var order = new int[n];
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            values[i] = a[i * n + i];
        }
        Array.Sort((double[])values.Clone(), order);
        var sortedValues = new double[n];
        var sortedVectors = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            sortedValues[j] = values[order[j]];
            for (var k = 0; k < n; k++) sortedVectors[k * n + j] = v[k * n + order[j]];
        }
        return (sortedValues, sortedVectors);
    }
}
