using System;
using System.Collections.Generic;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Network;

/// <summary>
/// The reference interpreter of the derived tensor programs: plain double loops, one per op, and the
/// CAS interpreter for elementwise formulas — no emitted code, no kernels. Derivation is checked
/// through it against finite differences, independently of the C# emitter.
/// </summary>
internal sealed class NetworkInterpreter
{
    private readonly Dictionary<Tensor, double[]> _workspace = new();
    private readonly int _n;

    /// <param name="direction">v for the Hessian-vector product; null binds v to the gradient (the teleport objective's v = ∇L).</param>
    public NetworkInterpreter(int batch, double[] parameters, double[] inputs, int[]? labels, double[]? targets, double[]? direction = null)
    {
        _n = batch;
        Parameters = parameters;
        Inputs = inputs;
        Labels = labels;
        Targets = targets;
        Gradient = new double[parameters.Length];
        Direction = direction ?? Gradient;
        HessianVector = new double[parameters.Length];
        ThirdOrder = new double[parameters.Length];
    }

    public double[] Parameters { get; }
    public double[] Inputs { get; }
    public int[]? Labels { get; }
    public double[]? Targets { get; }
    public double[] Direction { get; }
    public double[] Gradient { get; }
    public double[] HessianVector { get; }

    /// <summary>D³L[v, v, ·], written by the third-order program.</summary>
    public double[] ThirdOrder { get; }
    public double Loss { get; private set; }

    /// <summary>Runs every statement in order.</summary>
    public NetworkInterpreter Run(TensorProgram program)
    {
        foreach (var s in program.Statements) Execute(s);
        return this;
    }

    /// <summary>The values of a tensor after the run (a copy for external storage).</summary>
    public double[] Values(Tensor t)
    {
        var (array, offset) = Storage(t);
        var result = new double[t.Length(_n)];
        Array.Copy(array, offset, result, 0, result.Length);
        return result;
    }

    private (double[] Array, int Offset) Storage(Tensor t) => t.Storage switch
    {
        TensorStorage.Parameters => (Parameters, t.Offset),
        TensorStorage.Gradient => (Gradient, t.Offset),
        TensorStorage.Direction => (Direction, t.Offset),
        TensorStorage.HessianVector => (HessianVector, t.Offset),
        TensorStorage.ThirdOrder => (ThirdOrder, t.Offset),
        TensorStorage.Inputs => (Inputs, 0),
        TensorStorage.TargetValues => (Targets!, 0),
        _ => (Workspace(t), 0),
    };

    private double[] Workspace(Tensor t)
    {
        if (t.Storage == TensorStorage.Session && t.Columns == Tensor.Batch)
        {
            // The input Gram K = X·Xᵀ of the session rewrite.
            if (!_workspace.TryGetValue(t, out var gram))
            {
                var d = Inputs.Length / _n;
                gram = new double[_n * _n];
                for (var i = 0; i < _n; i++)
                    for (var j = 0; j < _n; j++)
                        for (var l = 0; l < d; l++) gram[i * _n + j] += Inputs[i * d + l] * Inputs[j * d + l];
                _workspace[t] = gram;
            }
            return gram;
        }
        if (!_workspace.TryGetValue(t, out var values)) _workspace[t] = values = new double[t.Length(_n)];
        return values;
    }

    private double Get(Tensor t, int row, int column)
    {
        var (array, offset) = Storage(t);
        var columns = t.Columns == Tensor.Batch ? _n : t.Columns;
        return array[offset + row * columns + column];
    }

    private void Set(Tensor t, int row, int column, double value, bool add)
    {
        var (array, offset) = Storage(t);
        var columns = t.Columns == Tensor.Batch ? _n : t.Columns;
        ref var slot = ref array[offset + row * columns + column];
        slot = add ? slot + value : value;
    }

    private int Rows(Tensor t) => t.IsBatchSized ? _n : t.Rows;

    private int Columns(Tensor t) => t.Columns == Tensor.Batch ? _n : t.Columns;

    private void Execute(Statement statement)
    {
        switch (statement)
        {
            case MatMul mm:
                MatMul(mm);
                break;
            case BroadcastAdd add:
                for (var r = 0; r < Rows(add.Result); r++)
                    for (var c = 0; c < add.Result.Columns; c++)
                        Set(add.Result, r, c, (add.Matrix is null ? 0 : Get(add.Matrix, r, c)) + Get(add.Vector, 0, c), add: false);
                break;
            case ColumnSums sums:
                for (var c = 0; c < sums.Matrix.Columns; c++)
                {
                    double columnSum = 0;
                    for (var r = 0; r < Rows(sums.Matrix); r++) columnSum += Get(sums.Matrix, r, c);
                    Set(sums.Result, 0, c, columnSum, sums.Adds);
                }
                break;
            case Map map:
                var values = new double[map.Arguments.Count];
                for (var r = 0; r < Rows(map.Result); r++)
                    for (var c = 0; c < map.Result.Columns; c++)
                    {
                        for (var a = 0; a < values.Length; a++) values[a] = Get(map.Arguments[a], r, c);
                        Set(map.Result, r, c, Interpreter.Evaluate(map.Function, v => values[int.Parse(v.Substring(1), System.Globalization.CultureInfo.InvariantCulture)]), add: false);
                    }
                break;
            case SoftmaxCrossEntropyLoss ce:
                Loss = 0;
                for (var r = 0; r < _n; r++)
                {
                    var k = ce.Logits.Columns;
                    var max = double.NegativeInfinity;
                    for (var c = 0; c < k; c++) max = Math.Max(max, Get(ce.Logits, r, c));
                    double sum = 0;
                    for (var c = 0; c < k; c++) sum += Math.Exp(Get(ce.Logits, r, c) - max);
                    Loss += (Math.Log(sum) + max - Get(ce.Logits, r, Labels![r])) / _n;
                    if (ce.Probabilities is { } p)
                        for (var c = 0; c < k; c++) Set(p, r, c, Math.Exp(Get(ce.Logits, r, c) - max) / sum, add: false);
                }
                break;
            case SoftmaxCrossEntropyGradient g:
                for (var r = 0; r < _n; r++)
                    for (var c = 0; c < g.Result.Columns; c++)
                        Set(g.Result, r, c, (Get(g.Probabilities, r, c) - (c == Labels![r] ? 1 : 0)) / _n, add: false);
                break;
            case SoftmaxCrossEntropyTangent t:
                for (var r = 0; r < _n; r++)
                {
                    double dot = 0;
                    for (var c = 0; c < t.Result.Columns; c++) dot += Get(t.Probabilities, r, c) * Get(t.Direction, r, c);
                    for (var c = 0; c < t.Result.Columns; c++)
                        Set(t.Result, r, c, Get(t.Probabilities, r, c) * (Get(t.Direction, r, c) - dot) / _n, add: false);
                }
                break;
            case SoftmaxCrossEntropySecondTangent t:
                for (var r = 0; r < _n; r++)
                {
                    // Independently of the kernel: d/dε of p⊙(r − pᵀr) with dp = q = p⊙(s − pᵀs), dr = r′.
                    var k = t.Result.Columns;
                    double P(int c) => Get(t.Probabilities, r, c);
                    double R(int c) => Get(t.Direction, r, c);
                    double S(int c) => t.LogitsTangent is null ? 0 : Get(t.LogitsTangent, r, c);
                    double RR(int c) => t.SecondDirection is null ? 0 : Get(t.SecondDirection, r, c);
                    double pr = 0, ps = 0, prr = 0;
                    for (var c = 0; c < k; c++) (pr, ps, prr) = (pr + P(c) * R(c), ps + P(c) * S(c), prr + P(c) * RR(c));
                    var q = new double[k];
                    double qr = 0;
                    for (var c = 0; c < k; c++) (q[c], qr) = (P(c) * (S(c) - ps), qr + P(c) * (S(c) - ps) * R(c));
                    for (var c = 0; c < k; c++)
                        Set(t.Result, r, c, (q[c] * (R(c) - pr) + P(c) * (RR(c) - qr - prr)) / _n, add: false);
                }
                break;
            case MeanSquaredErrorLoss mse:
                Loss = 0;
                var count = mse.Predictions.Length(_n);
                for (var r = 0; r < _n; r++)
                    for (var c = 0; c < mse.Predictions.Columns; c++)
                        Loss += Math.Pow(Get(mse.Predictions, r, c) - Get(mse.Targets, r, c), 2) / count;
                break;
            case MeanSquaredErrorGradient g:
                var total = g.Result.Length(_n);
                for (var r = 0; r < _n; r++)
                    for (var c = 0; c < g.Result.Columns; c++)
                        Set(g.Result, r, c, 2 * (Get(g.Predictions, r, c) - Get(g.Targets, r, c)) / total, add: false);
                break;
            case MeanSquaredErrorTangent t:
                var all = t.Result.Length(_n);
                for (var r = 0; r < _n; r++)
                    for (var c = 0; c < t.Result.Columns; c++)
                        Set(t.Result, r, c, 2 * Get(t.Direction, r, c) / all, add: false);
                break;
            default:
                throw new InvalidOperationException("No interpretation for " + statement.GetType().Name);
        }
    }

    private void MatMul(MatMul mm)
    {
        var (m, k, n) = mm.Kind switch
        {
            MatMulKind.NN => (Rows(mm.Left), Columns(mm.Left), Columns(mm.Right)),
            MatMulKind.NT => (Rows(mm.Left), Columns(mm.Left), Rows(mm.Right)),
            _ => (Columns(mm.Left), Rows(mm.Left), Columns(mm.Right)),
        };
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var l = 0; l < k; l++)
                    sum += mm.Kind switch
                    {
                        MatMulKind.NN => Get(mm.Left, i, l) * Get(mm.Right, l, j),
                        MatMulKind.NT => Get(mm.Left, i, l) * Get(mm.Right, j, l),
                        _ => Get(mm.Left, l, i) * Get(mm.Right, l, j),
                    };
                Set(mm.Result, i, j, sum, mm.Adds);
            }
    }
}
