using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Teleport.Optimizers.Lanes;

namespace Teleport.Optimizers;

/// <summary>The update shared by <see cref="Adam{T}"/> and <see cref="AdamW{T}"/>; they differ only in how weight decay enters.</summary>
internal static class AdamUpdate<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The state buffers in PyTorch's order: <c>exp_avg</c>, <c>exp_avg_sq</c>, and <c>max_exp_avg_sq</c> with AMSGrad.</summary>
    public readonly record struct Buffers(OptimizerBuffer<T> ExpAvg, OptimizerBuffer<T> ExpAvgSq, OptimizerBuffer<T>? MaxExpAvgSq);

    public static List<OptimizerBuffer<T>> Define(OptimizerSettings settings, Func<List<OptimizerBuffer<T>>, string, OptimizerBufferKind, OptimizerBuffer<T>> define, out Buffers buffers)
    {
        var defined = new List<OptimizerBuffer<T>>(3);
        OptimizerBuffer<T> expAvg = define(defined, OptimizerBufferNames.ExpAvg, OptimizerBufferKind.FirstMoment);
        OptimizerBuffer<T> expAvgSq = define(defined, OptimizerBufferNames.ExpAvgSq, OptimizerBufferKind.SecondMoment);
        OptimizerBuffer<T>? maxExpAvgSq = settings.AmsGrad ? define(defined, OptimizerBufferNames.MaxExpAvgSq, OptimizerBufferKind.SecondMoment) : null;
        buffers = new Buffers(expAvg, expAvgSq, maxExpAvgSq);
        return defined;
    }

    /// <summary>
    /// One step; <paramref name="decoupled"/> selects AdamW's <c>p ← p·(1 − lr·λ)</c> over Adam's <c>g ← g + λ·p</c>.
    /// Returns Σ g² when <paramref name="sumSquares"/>, else 0.
    /// </summary>
    public static double Step(
        Span<T> parameters, ReadOnlySpan<T> gradient, in Buffers buffers, OptimizerSettings settings, double learningRate, long step, bool decoupled, bool sumSquares)
    {
        double weightDecay = settings.WeightDecay!.Value;
        double beta1 = settings.Beta1, beta2 = settings.Beta2;

        // Python-float scalars, as in _single_tensor_adam(w): step is state['step'].item().
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double biasCorrection2 = 1 - Math.Pow(beta2, step);
        double stepSize = learningRate / biasCorrection1;
        double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);

        var kernel = new Kernel
        {
            Parameters = ref MemoryMarshal.GetReference(parameters),
            Gradient = ref MemoryMarshal.GetReference(gradient),
            ExpAvg = ref MemoryMarshal.GetReference(buffers.ExpAvg.Values),
            ExpAvgSq = ref MemoryMarshal.GetReference(buffers.ExpAvgSq.Values),
            MaxExpAvgSq = ref buffers.MaxExpAvgSq is null ? ref Unsafe.NullRef<T>() : ref MemoryMarshal.GetReference(buffers.MaxExpAvgSq.Values),
            WeightDecay = T.CreateTruncating(weightDecay),
            DecayFactor = T.CreateTruncating(1 - learningRate * weightDecay),
            Beta1 = T.CreateTruncating(beta1),
            OneMinusBeta1 = T.CreateTruncating(1 - beta1),
            Beta2 = T.CreateTruncating(beta2),
            OneMinusBeta2 = T.CreateTruncating(1 - beta2),
            BiasCorrection2Sqrt = T.CreateTruncating(biasCorrection2Sqrt),
            Epsilon = T.CreateTruncating(settings.Epsilon!.Value),
            NegativeStepSize = T.CreateTruncating(-stepSize),
            CoupledWeightDecay = !decoupled && weightDecay != 0,
            DecoupledWeightDecay = decoupled,
            AmsGrad = buffers.MaxExpAvgSq is not null,
            Maximize = settings.Maximize,
        };
        return UpdateDriver.Run<T, Kernel>(ref kernel, parameters.Length, gradient, sumSquares);
    }

    private ref struct Kernel : IUpdateKernel<T>
    {
        public ref T Parameters;
        public ref T Gradient;
        public ref T ExpAvg;
        public ref T ExpAvgSq;
        public ref T MaxExpAvgSq;
        public T WeightDecay;
        public T DecayFactor;
        public T Beta1;
        public T OneMinusBeta1;
        public T Beta2;
        public T OneMinusBeta2;
        public T BiasCorrection2Sqrt;
        public T Epsilon;
        public T NegativeStepSize;
        public bool CoupledWeightDecay;
        public bool DecoupledWeightDecay;
        public bool AmsGrad;
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
            ref T expAvgRef = ref ExpAvg;
            ref T expAvgSqRef = ref ExpAvgSq;
            ref T maxExpAvgSqRef = ref MaxExpAvgSq;
            bool coupledWeightDecay = CoupledWeightDecay;
            bool decoupledWeightDecay = DecoupledWeightDecay;
            bool amsGrad = AmsGrad;
            bool maximize = Maximize;

            nuint width = (nuint)TLanes.Count;
            TVector weightDecay = TLanes.Broadcast(WeightDecay);
            TVector decayFactor = TLanes.Broadcast(DecayFactor);
            TVector beta1 = TLanes.Broadcast(Beta1);
            TVector oneMinusBeta1 = TLanes.Broadcast(OneMinusBeta1);
            TVector beta2 = TLanes.Broadcast(Beta2);
            TVector oneMinusBeta2 = TLanes.Broadcast(OneMinusBeta2);
            TVector biasCorrection2Sqrt = TLanes.Broadcast(BiasCorrection2Sqrt);
            TVector epsilon = TLanes.Broadcast(Epsilon);
            TVector negativeStepSize = TLanes.Broadcast(NegativeStepSize);
            for (; i + width <= n; i += width)
            {
                TVector p = TLanes.Load(ref parametersRef, i);
                // g = −∇ if maximize; g += weight_decay·param (coupled L2 decay)
                TVector g = UpdateGradient.Load<T, TVector, TLanes>(ref gradientRef, i, p, maximize, coupledWeightDecay, weightDecay);
                if (decoupledWeightDecay)
                {
                    // AdamW: param.mul_(1 - lr * weight_decay)
                    p = TLanes.Multiply(p, decayFactor);
                }

                // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
                TVector m = TLanes.FusedMultiplyAdd(oneMinusBeta1, g, TLanes.Multiply(TLanes.Load(ref expAvgRef, i), beta1));
                TLanes.Store(m, ref expAvgRef, i);

                // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                TVector v = TLanes.FusedMultiplyAdd(TLanes.Multiply(oneMinusBeta2, g), g, TLanes.Multiply(TLanes.Load(ref expAvgSqRef, i), beta2));
                TLanes.Store(v, ref expAvgSqRef, i);

                if (amsGrad)
                {
                    // torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=max_exp_avg_sqs[i])
                    v = TLanes.Max(TLanes.Load(ref maxExpAvgSqRef, i), v);
                    TLanes.Store(v, ref maxExpAvgSqRef, i);
                }

                // denom = (v.sqrt() / bias_correction2_sqrt).add_(eps); param.addcdiv_(exp_avg, denom, value=-step_size)
                TVector denominator = TLanes.Add(TLanes.Divide(TLanes.Sqrt(v), biasCorrection2Sqrt), epsilon);
                p = TLanes.Add(p, TLanes.Divide(TLanes.Multiply(negativeStepSize, m), denominator));
                TLanes.Store(p, ref parametersRef, i);
            }

            return i;
        }
    }
}
