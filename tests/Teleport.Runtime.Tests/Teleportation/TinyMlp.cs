using System;
using System.Numerics;
using System.Numerics.Tensors;
using Teleport.Kernels;
using Teleport.LinearAlgebra;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// A hand-written d → k (σ) → m (identity) regression MLP with bias and mean squared error, implementing
/// <see cref="ITeleportable{T}"/> through <see cref="SymmetryKernels"/> the way generated networks will:
/// the symmetries act on hidden layer 0 (V = W₀, b = b₀, U = W₁). The Hessian-vector product is the
/// exact R-operator (needs σ″). Buffers are grown once per batch size, so every member is allocation-free.
/// </summary>
internal sealed partial class TinyMlp<T, TActivation, TDerivative, TSecond, TInverse> : ITeleportable<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TActivation : IUnaryOperator<T>
    where TDerivative : IUnaryOperator<T>
    where TSecond : IUnaryOperator<T>
    where TInverse : IUnaryOperator<T>
{
    private readonly int d, k, m;
    private readonly T[] parameters, direction, product;
    private T[] z = [], a = [], output = [], error = [], scaledError = [], deltaA = [], deltaZ = [];
    private T[] rz = [], ra = [], rOutput = [], rError = [], rDeltaA = [], rDeltaZ = [], scratch = [];
    private int batch;

    public TinyMlp(int d, int k, int m, int seed, params string[] symmetryIds)
    {
        (this.d, this.k, this.m) = (d, k, m);
        int count = k * d + k + m * k + m;
        parameters = new T[count];
        direction = new T[count];
        product = new T[count];
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            parameters[i] = T.CreateTruncating(2 * random.NextDouble() - 1) / T.CreateTruncating(Math.Sqrt(i < k * d + k ? d : k));
        }

        var hidden = new LayerInfo(0, d, k, true, "σ", "", "", "", null, "");
        var symmetries = new SymmetryInfo[symmetryIds.Length];
        for (int s = 0; s < symmetries.Length; s++)
        {
            symmetries[s] = TestSymmetries.On(symmetryIds[s], hidden);
        }

        Info = new NetworkInfo("TinyMlp", d, m, LossKind.MeanSquaredError,
            [hidden, new LayerInfo(1, k, m, true, "identity", "x", "1", "0", "y", "")],
            [new ParameterTensorInfo("fc0.weight", [k, d], 0, k * d), new ParameterTensorInfo("fc0.bias", [k], k * d, k),
             new ParameterTensorInfo("fc1.weight", [m, k], k * d + k, m * k), new ParameterTensorInfo("fc1.bias", [m], k * d + k + m * k, m)],
            symmetries);
    }

    public NetworkInfo Info { get; }

    public Span<T> Parameters => parameters;

    private Span<T> V => parameters.AsSpan(0, k * d);

    private Span<T> B => parameters.AsSpan(k * d, k);

    private Span<T> U => parameters.AsSpan(k * d + k, m * k);

    private Span<T> C => parameters.AsSpan(k * d + k + m * k, m);

    public T Loss(ReadOnlySpan<T> inputs, Targets<T> targets)
    {
        Forward(inputs, targets.Values);
        return TensorPrimitives.SumOfSquares<T>(error) / T.CreateTruncating(batch * m);
    }

    public T LossAndGradient(ReadOnlySpan<T> inputs, Targets<T> targets, Span<T> gradient)
    {
        T loss = Loss(inputs, targets);
        Backward(inputs, gradient);
        return loss;
    }

    public void HessianVectorProduct(ReadOnlySpan<T> inputs, Targets<T> targets, ReadOnlySpan<T> v, Span<T> result)
    {
        Loss(inputs, targets);
        Backward(inputs, product);
        Tangent(inputs, v, result);
    }

    public void Predict(ReadOnlySpan<T> inputs, Span<T> outputs)
    {
        Forward(inputs, default);
        output.CopyTo(outputs);
    }

    private T[]? objectiveGradientScratch;

    public TeleportObjectiveValue<T> TeleportObjectiveGradient(ReadOnlySpan<T> inputs, Targets<T> targets, ReadOnlySpan<bool> active, Span<T> gradient, Span<T> lieAlgebraGradient)
    {
        // An empty gradient span means the caller does not need ∇L (the teleporter); use scratch.
        if (gradient.IsEmpty) gradient = objectiveGradientScratch ??= new T[Parameters.Length];
        // L, ∇L, F = ‖∇L‖², then w = ∂F/∂θ = 2·H·∇L and each active symmetry's adjoint of w
        T loss = LossAndGradient(inputs, targets, gradient);
        T objective = Reductions.SumOfSquares<T>(gradient);
        gradient.CopyTo(direction);
        Tangent(inputs, direction, product);
        TensorPrimitives.Multiply<T>(product, T.CreateTruncating(2), product);
        int offset = 0;
        for (int s = 0; s < Info.Symmetries.Count; s++)
        {
            int length = Info.Symmetries[s].Dimension;
            if (active[s])
            {
                Adjoint(Info.Symmetries[s].Kind, inputs, lieAlgebraGradient.Slice(offset, length));
            }

            offset += length;
        }

        return new TeleportObjectiveValue<T>(loss, objective);
    }

    /// <summary>σ's range, which S3 keeps g·σ(Z) inside; (−∞, ∞) unless a test sets it.</summary>
    public ActivationRange Range { get; init; } = ActivationRange.Real;

    public bool ApplyGroupAction(int symmetry, ReadOnlySpan<T> groupElement, ReadOnlySpan<T> inputs) =>
        GroupAction(symmetry, groupElement, inputs, default) == GroupActionResult.Applied;

    public GroupActionResult ApplyGroupActionWithinDomain(int symmetry, Span<T> groupElement, ReadOnlySpan<T> inputs) =>
        GroupAction(symmetry, groupElement, inputs, groupElement);

    private GroupActionResult GroupAction(int symmetry, ReadOnlySpan<T> groupElement, ReadOnlySpan<T> inputs, Span<T> applied)
    {
        var layer = new HiddenLayerBlock<T>
        {
            Width = k, InputSize = d, NextWidth = m, HasBias = true, BatchSize = inputs.Length / d,
            V = V, B = B, U = U, H = inputs, Range = Range,
        };
        return Info.Symmetries[symmetry].Kind switch
        {
            SymmetryKind.GeneralLinear => SymmetryKernels.GeneralLinearAction(groupElement, layer),
            SymmetryKind.Diagonal => SymmetryKernels.DiagonalAction(groupElement, layer),
            SymmetryKind.DataDependent => SymmetryKernels.DataDependentAction<T, TActivation, TInverse>(groupElement, layer, applied),
            _ => SymmetryKernels.LeastSquaresAction<T, TActivation>(groupElement, layer),
        };
    }

    public bool TransportCovector(int symmetry, ReadOnlySpan<T> groupElement, Span<T> covector, bool squared)
    {
        var blocks = new HiddenLayerBlock<T>
        {
            Width = k, InputSize = d, NextWidth = m, HasBias = true,
            V = covector[..(k * d)], B = covector.Slice(k * d, k), U = covector.Slice(k * d + k, m * k),
        };
        return Info.Symmetries[symmetry].Kind switch
        {
            SymmetryKind.GeneralLinear => SymmetryKernels.GeneralLinearTransport(groupElement, blocks, squared),
            SymmetryKind.Diagonal => SymmetryKernels.DiagonalTransport(groupElement, blocks, squared),
            _ => false,
        };
    }

    /// <summary>The adjoint of w (in <see cref="product"/>) for one symmetry, at the point of the last forward pass.</summary>
    private void Adjoint(SymmetryKind kind, ReadOnlySpan<T> inputs, Span<T> result)
    {
        var layer = new HiddenLayerBlock<T>
        {
            Width = k, InputSize = d, NextWidth = m, HasBias = true, BatchSize = batch,
            V = V, B = B, U = U, H = inputs, Z = z, A = a,
            GradV = product.AsSpan(0, k * d), GradB = product.AsSpan(k * d, k), GradU = product.AsSpan(k * d + k, m * k),
        };
        bool ok = true;
        switch (kind)
        {
            case SymmetryKind.GeneralLinear:
                SymmetryKernels.GeneralLinearAdjoint<T>(layer, result);
                break;
            case SymmetryKind.Diagonal:
                SymmetryKernels.DiagonalAdjoint<T>(layer, result);
                break;
            case SymmetryKind.DataDependent:
                ok = SymmetryKernels.DataDependentAdjoint<T, TDerivative>(layer, result);
                break;
            default:
                ok = SymmetryKernels.LeastSquaresAdjoint<T, TDerivative>(layer, result);
                break;
        }

        if (!ok)
        {
            result.Fill(T.NaN);
        }
    }
}
