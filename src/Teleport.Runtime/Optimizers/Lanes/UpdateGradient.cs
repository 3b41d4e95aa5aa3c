using System.Numerics;
using System.Runtime.CompilerServices;

namespace Teleport.Optimizers.Lanes;

/// <summary>The gradient every PyTorch optimizer starts its update from.</summary>
internal static class UpdateGradient
{
    /// <summary>
    /// g = (maximize ? −∇ : ∇), then g = g + weight_decay·param when the decay is the coupled (L2)
    /// kind — PyTorch's <c>grad = -grad if maximize</c> and <c>grad = grad.add(param, alpha=weight_decay)</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Load<T, TVector, TLanes>(ref T gradient, nuint i, TVector parameter, bool maximize, bool coupledWeightDecay, TVector weightDecay)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVector : unmanaged
        where TLanes : ILanes<T, TVector>
    {
        TVector g = TLanes.Load(ref gradient, i);
        if (maximize) g = TLanes.Negate(g);
        if (coupledWeightDecay) g = TLanes.FusedMultiplyAdd(weightDecay, parameter, g);
        return g;
    }
}
