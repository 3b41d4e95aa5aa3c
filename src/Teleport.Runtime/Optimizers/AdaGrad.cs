using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Teleport.Optimizers.Lanes;

namespace Teleport.Optimizers;

/// <summary>AdaGrad: <c>torch.optim.Adagrad</c>.</summary>
/// <remarks>
/// Per step t (1-based), with g the gradient (negated when maximizing) and λ weight decay:
/// <code>
/// g ← g + λ·p                          (if λ ≠ 0)
/// clr = lr / (1 + (t − 1)·lr_decay)
/// s ← s + g²
/// p ← p − clr·g / (√s + eps)
/// </code>
/// State: <c>sum</c> (<see cref="OptimizerBufferKind.Accumulator"/>), starting at <c>initial_accumulator_value</c>.
/// PyTorch keeps the step count in a float32 tensor, so its learning-rate decay freezes after 2²⁴
/// steps; Teleport counts exactly.
/// </remarks>
public sealed class AdaGrad<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private OptimizerBuffer<T> sum = null!;

    /// <summary>Creates AdaGrad for <paramref name="parameterCount"/> parameters; unset settings take PyTorch's defaults.</summary>
    public AdaGrad(int parameterCount, OptimizerSettings? settings = null)
        : base(OptimizerKind.AdaGrad, parameterCount, settings) => Configure();

    private protected override bool UpdateWaitsOnDivision => true;

    private protected override void Configure()
    {
        var defined = new List<OptimizerBuffer<T>>(1);
        sum = DefineBuffer(defined, OptimizerBufferNames.Sum, OptimizerBufferKind.Accumulator, T.CreateTruncating(ResolvedSettings.InitialAccumulatorValue));
        SetBuffers(defined);
    }

    private protected override double Update(Span<T> parameters, ReadOnlySpan<T> gradient, long step, bool sumSquares)
    {
        OptimizerSettings s = ResolvedSettings;
        double weightDecay = s.WeightDecay!.Value;
        double clr = LearningRate / (1 + ((double)step - 1) * s.LearningRateDecay);
        var kernel = new Kernel
        {
            Parameters = ref MemoryMarshal.GetReference(parameters),
            Gradient = ref MemoryMarshal.GetReference(gradient),
            Sum = ref MemoryMarshal.GetReference(sum.Values),
            NegativeLearningRate = T.CreateTruncating(-clr),
            WeightDecay = T.CreateTruncating(weightDecay),
            Epsilon = T.CreateTruncating(s.Epsilon!.Value),
            HasWeightDecay = weightDecay != 0,
            Maximize = s.Maximize,
        };
        return UpdateDriver.Run<T, Kernel>(ref kernel, parameters.Length, gradient, sumSquares);
    }

    private ref struct Kernel : IUpdateKernel<T>
    {
        public ref T Parameters;
        public ref T Gradient;
        public ref T Sum;
        public T NegativeLearningRate;
        public T WeightDecay;
        public T Epsilon;
        public bool HasWeightDecay;
        public bool Maximize;

        // Inlined into the block loop of a pass that also sums the gradient's squares (UpdateDriver.RunSummingSquares).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public nuint Run<TVector, TLanes>(nuint i, nuint n)
            where TVector : unmanaged
            where TLanes : ILanes<T, TVector>
        {
            // Fields into locals: the JIT then keeps them in registers instead of reloading them
            // from the kernel struct on every iteration (stores through the refs might alias it).
            ref T parametersRef = ref Parameters;
            ref T gradientRef = ref Gradient;
            ref T sumRef = ref Sum;
            bool hasWeightDecay = HasWeightDecay;
            bool maximize = Maximize;

            nuint width = (nuint)TLanes.Count;
            TVector negativeLearningRate = TLanes.Broadcast(NegativeLearningRate);
            TVector weightDecay = TLanes.Broadcast(WeightDecay);
            TVector epsilon = TLanes.Broadcast(Epsilon);
            for (; i + width <= n; i += width)
            {
                TVector p = TLanes.Load(ref parametersRef, i);
                // g = −∇ if maximize; g += weight_decay·param (coupled L2 decay)
                TVector g = UpdateGradient.Load<T, TVector, TLanes>(ref gradientRef, i, p, maximize, hasWeightDecay, weightDecay);

                // state_sum.addcmul_(grad, grad, value=1)
                TVector sum = TLanes.FusedMultiplyAdd(g, g, TLanes.Load(ref sumRef, i));
                TLanes.Store(sum, ref sumRef, i);

                // std = state_sum.sqrt().add_(eps); param.addcdiv_(grad, std, value=-clr)
                TVector std = TLanes.Add(TLanes.Sqrt(sum), epsilon);
                p = TLanes.Add(p, TLanes.Divide(TLanes.Multiply(negativeLearningRate, g), std));
                TLanes.Store(p, ref parametersRef, i);
            }

            return i;
        }
    }
}
