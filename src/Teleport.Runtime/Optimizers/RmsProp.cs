using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Teleport.Optimizers.Lanes;

namespace Teleport.Optimizers;

/// <summary>RMSProp, optionally centered and with momentum: <c>torch.optim.RMSprop</c>.</summary>
/// <remarks>
/// Per step, with g the gradient (negated when maximizing), α the smoothing constant, λ weight decay, μ momentum:
/// <code>
/// g ← g + λ·p                      (if λ ≠ 0)
/// v ← α·v + (1 − α)·g²
/// a ← α·a + (1 − α)·g;  d = √(v − a²) + eps     (centered)
///                       d = √v + eps            (otherwise)
/// b ← μ·b + g/d;  p ← p − lr·b     (if μ &gt; 0)
/// p ← p − lr·g/d                   (otherwise)
/// </code>
/// State: <c>square_avg</c> (<see cref="OptimizerBufferKind.SecondMoment"/>), <c>momentum_buffer</c> when μ &gt; 0
/// (<see cref="OptimizerBufferKind.PreconditionedMoment"/>: a sum of g/d) and <c>grad_avg</c> when centered
/// (<see cref="OptimizerBufferKind.FirstMoment"/>), in PyTorch's order.
/// </remarks>
public sealed class RmsProp<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private OptimizerBuffer<T> squareAverage = null!;
    private OptimizerBuffer<T>? momentumBuffer;
    private OptimizerBuffer<T>? gradientAverage;

    /// <summary>Creates RMSProp for <paramref name="parameterCount"/> parameters; unset settings take PyTorch's defaults.</summary>
    public RmsProp(int parameterCount, OptimizerSettings? settings = null)
        : base(OptimizerKind.RmsProp, parameterCount, settings) => Configure();

    private protected override bool UpdateWaitsOnDivision => true;

    private protected override void Configure()
    {
        OptimizerSettings s = ResolvedSettings;
        var defined = new List<OptimizerBuffer<T>>(3);
        squareAverage = DefineBuffer(defined, OptimizerBufferNames.SquareAverage, OptimizerBufferKind.SecondMoment, T.Zero);
        momentumBuffer = s.Momentum!.Value > 0
            ? DefineBuffer(defined, OptimizerBufferNames.MomentumBuffer, OptimizerBufferKind.PreconditionedMoment, T.Zero)
            : null;
        gradientAverage = s.Centered
            ? DefineBuffer(defined, OptimizerBufferNames.GradientAverage, OptimizerBufferKind.FirstMoment, T.Zero)
            : null;
        SetBuffers(defined);
    }

    private protected override double Update(Span<T> parameters, ReadOnlySpan<T> gradient, long step, bool sumSquares)
    {
        OptimizerSettings s = ResolvedSettings;
        double weightDecay = s.WeightDecay!.Value;
        var kernel = new Kernel
        {
            Parameters = ref MemoryMarshal.GetReference(parameters),
            Gradient = ref MemoryMarshal.GetReference(gradient),
            SquareAverage = ref MemoryMarshal.GetReference(squareAverage.Values),
            Momentum = ref momentumBuffer is null ? ref Unsafe.NullRef<T>() : ref MemoryMarshal.GetReference(momentumBuffer.Values),
            GradientAverage = ref gradientAverage is null ? ref Unsafe.NullRef<T>() : ref MemoryMarshal.GetReference(gradientAverage.Values),
            NegativeLearningRate = T.CreateTruncating(-LearningRate),
            WeightDecay = T.CreateTruncating(weightDecay),
            Alpha = T.CreateTruncating(s.Alpha),
            OneMinusAlpha = T.CreateTruncating(1 - s.Alpha),
            Epsilon = T.CreateTruncating(s.Epsilon!.Value),
            MomentumFactor = T.CreateTruncating(s.Momentum!.Value),
            HasWeightDecay = weightDecay != 0,
            HasMomentum = momentumBuffer is not null,
            Centered = gradientAverage is not null,
            Maximize = s.Maximize,
        };
        return UpdateDriver.Run<T, Kernel>(ref kernel, parameters.Length, gradient, sumSquares);
    }

    private ref struct Kernel : IUpdateKernel<T>
    {
        public ref T Parameters;
        public ref T Gradient;
        public ref T SquareAverage;
        public ref T Momentum;
        public ref T GradientAverage;
        public T NegativeLearningRate;
        public T WeightDecay;
        public T Alpha;
        public T OneMinusAlpha;
        public T Epsilon;
        public T MomentumFactor;
        public bool HasWeightDecay;
        public bool HasMomentum;
        public bool Centered;
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
            ref T squareAverageRef = ref SquareAverage;
            ref T momentumRef = ref Momentum;
            ref T gradientAverageRef = ref GradientAverage;
            bool hasWeightDecay = HasWeightDecay;
            bool hasMomentum = HasMomentum;
            bool centered = Centered;
            bool maximize = Maximize;

            nuint width = (nuint)TLanes.Count;
            TVector negativeLearningRate = TLanes.Broadcast(NegativeLearningRate);
            TVector weightDecay = TLanes.Broadcast(WeightDecay);
            TVector alpha = TLanes.Broadcast(Alpha);
            TVector oneMinusAlpha = TLanes.Broadcast(OneMinusAlpha);
            TVector epsilon = TLanes.Broadcast(Epsilon);
            TVector momentum = TLanes.Broadcast(MomentumFactor);
            for (; i + width <= n; i += width)
            {
                TVector p = TLanes.Load(ref parametersRef, i);
                // g = −∇ if maximize; g += weight_decay·param (coupled L2 decay)
                TVector g = UpdateGradient.Load<T, TVector, TLanes>(ref gradientRef, i, p, maximize, hasWeightDecay, weightDecay);

                // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
                TVector squareAverage = TLanes.FusedMultiplyAdd(
                    TLanes.Multiply(oneMinusAlpha, g), g, TLanes.Multiply(TLanes.Load(ref squareAverageRef, i), alpha));
                TLanes.Store(squareAverage, ref squareAverageRef, i);

                TVector average;
                if (centered)
                {
                    // grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha)
                    TVector gradientAverage = TLanes.FusedMultiplyAdd(
                        oneMinusAlpha, g, TLanes.Multiply(TLanes.Load(ref gradientAverageRef, i), alpha));
                    TLanes.Store(gradientAverage, ref gradientAverageRef, i);

                    // avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
                    average = TLanes.Sqrt(TLanes.FusedMultiplyAdd(TLanes.Negate(gradientAverage), gradientAverage, squareAverage));
                }
                else
                {
                    // avg = square_avg.sqrt()
                    average = TLanes.Sqrt(squareAverage);
                }

                // avg = avg.add_(eps)
                average = TLanes.Add(average, epsilon);
                if (hasMomentum)
                {
                    // buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, alpha=-lr)
                    TVector buffer = TLanes.Add(TLanes.Multiply(TLanes.Load(ref momentumRef, i), momentum), TLanes.Divide(g, average));
                    TLanes.Store(buffer, ref momentumRef, i);
                    p = TLanes.FusedMultiplyAdd(negativeLearningRate, buffer, p);
                }
                else
                {
                    // param.addcdiv_(grad, avg, value=-lr)
                    p = TLanes.Add(p, TLanes.Divide(TLanes.Multiply(negativeLearningRate, g), average));
                }

                TLanes.Store(p, ref parametersRef, i);
            }

            return i;
        }
    }
}
