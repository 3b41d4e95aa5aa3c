using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Teleport.Optimizers.Lanes;

namespace Teleport.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum (heavy ball or Nesterov), dampening and L2
/// weight decay: <c>torch.optim.SGD</c>.
/// </summary>
/// <remarks>
/// Per step, with g the gradient (negated when maximizing), μ momentum, τ dampening, λ weight decay:
/// <code>
/// g ← g + λ·p                         (if λ ≠ 0)
/// b ← g on the first step, else μ·b + (1 − τ)·g   (if μ ≠ 0)
/// g ← g + μ·b (Nesterov) or b
/// p ← p − lr·g
/// </code>
/// State: <c>momentum_buffer</c> (<see cref="OptimizerBufferKind.FirstMoment"/>) when μ ≠ 0.
/// </remarks>
public sealed class Sgd<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private OptimizerBuffer<T>? momentumBuffer;

    /// <summary>Creates SGD for <paramref name="parameterCount"/> parameters; unset settings take PyTorch's defaults.</summary>
    public Sgd(int parameterCount, OptimizerSettings? settings = null)
        : this(OptimizerKind.Sgd, parameterCount, settings)
    {
    }

    internal Sgd(OptimizerKind kind, int parameterCount, OptimizerSettings? settings)
        : base(kind, parameterCount, settings) => Configure();

    private protected override bool Accepts(OptimizerKind kind) => kind is OptimizerKind.Sgd or OptimizerKind.Momentum;

    private protected override void Configure()
    {
        var defined = new List<OptimizerBuffer<T>>(1);
        momentumBuffer = ResolvedSettings.Momentum!.Value != 0
            ? DefineBuffer(defined, OptimizerBufferNames.MomentumBuffer, OptimizerBufferKind.FirstMoment, T.Zero)
            : null;
        SetBuffers(defined);
    }

    private protected override double Update(Span<T> parameters, ReadOnlySpan<T> gradient, long step, bool sumSquares)
    {
        OptimizerSettings s = ResolvedSettings;
        double weightDecay = s.WeightDecay!.Value, momentum = s.Momentum!.Value;
        var kernel = new Kernel
        {
            Parameters = ref MemoryMarshal.GetReference(parameters),
            Gradient = ref MemoryMarshal.GetReference(gradient),
            Momentum = ref momentumBuffer is null ? ref Unsafe.NullRef<T>() : ref MemoryMarshal.GetReference(momentumBuffer.Values),
            NegativeLearningRate = T.CreateTruncating(-LearningRate),
            WeightDecay = T.CreateTruncating(weightDecay),
            MomentumFactor = T.CreateTruncating(momentum),
            OneMinusDampening = T.CreateTruncating(1 - s.Dampening),
            HasWeightDecay = weightDecay != 0,
            HasMomentum = momentum != 0,
            FirstStep = step == 1,
            Nesterov = s.Nesterov,
            Maximize = s.Maximize,
        };
        return UpdateDriver.Run<T, Kernel>(ref kernel, parameters.Length, gradient, sumSquares);
    }

    private ref struct Kernel : IUpdateKernel<T>
    {
        public ref T Parameters;
        public ref T Gradient;
        public ref T Momentum;
        public T NegativeLearningRate;
        public T WeightDecay;
        public T MomentumFactor;
        public T OneMinusDampening;
        public bool HasWeightDecay;
        public bool HasMomentum;
        public bool FirstStep;
        public bool Nesterov;
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
            ref T momentumRef = ref Momentum;
            bool hasWeightDecay = HasWeightDecay;
            bool hasMomentum = HasMomentum;
            bool firstStep = FirstStep;
            bool nesterov = Nesterov;
            bool maximize = Maximize;

            nuint width = (nuint)TLanes.Count;
            TVector negativeLearningRate = TLanes.Broadcast(NegativeLearningRate);
            TVector weightDecay = TLanes.Broadcast(WeightDecay);
            TVector momentum = TLanes.Broadcast(MomentumFactor);
            TVector oneMinusDampening = TLanes.Broadcast(OneMinusDampening);
            for (; i + width <= n; i += width)
            {
                TVector p = TLanes.Load(ref parametersRef, i);
                // d = −∇ if maximize; d += weight_decay·param (coupled L2 decay)
                TVector d = UpdateGradient.Load<T, TVector, TLanes>(ref gradientRef, i, p, maximize, hasWeightDecay, weightDecay);

                if (hasMomentum)
                {
                    // buf = clone(d_p) on the first step, else buf.mul_(momentum).add_(d_p, alpha=1 - dampening)
                    TVector buffer = firstStep
                        ? d
                        : TLanes.FusedMultiplyAdd(oneMinusDampening, d, TLanes.Multiply(TLanes.Load(ref momentumRef, i), momentum));
                    TLanes.Store(buffer, ref momentumRef, i);

                    // d_p = d_p.add(buf, alpha=momentum) if nesterov else buf
                    d = nesterov ? TLanes.FusedMultiplyAdd(momentum, buffer, d) : buffer;
                }

                // param.add_(d_p, alpha=-lr)
                TLanes.Store(TLanes.FusedMultiplyAdd(negativeLearningRate, d, p), ref parametersRef, i);
            }

            return i;
        }
    }
}
