using System.Numerics;

namespace Teleport.Optimizers.Lanes;

/// <summary>An optimizer's elementwise update, written once for every register width.</summary>
/// <remarks>Implemented by <c>ref struct</c>s that hold refs to the parameter, gradient and state spans.</remarks>
internal interface IUpdateKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Updates whole registers of <typeparamref name="TLanes"/> from <paramref name="start"/> while one
    /// fits before <paramref name="length"/>, and returns the first element not updated.
    /// </summary>
    nuint Run<TVector, TLanes>(nuint start, nuint length)
        where TVector : unmanaged
        where TLanes : ILanes<T, TVector>;
}
