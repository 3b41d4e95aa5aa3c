using System.Numerics;

namespace Teleport.Optimizers.Lanes;

/// <summary>
/// The arithmetic an optimizer update needs, over one register of <typeparamref name="TVector"/>
/// (a scalar <typeparamref name="T"/> or a <c>Vector128/256/512</c> of it).
/// </summary>
/// <remarks>
/// Each optimizer writes its update formula once, generic over <see cref="ILanes{T, TVector}"/>, and
/// runs it with the widest accelerated width and then the scalar form for the tail. Every operation
/// is elementwise IEEE arithmetic with the same rounding in every width, so an element's result does
/// not depend on which width processed it. <see cref="FusedMultiplyAdd"/> rounds once, as the
/// <c>add(…, alpha)</c> and <c>addcmul</c> kernels of PyTorch's AVX2 CPU build do.
/// </remarks>
internal interface ILanes<T, TVector>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TVector : unmanaged
{
    /// <summary>Elements per register.</summary>
    static abstract int Count { get; }

    static abstract TVector Load(ref T source, nuint index);

    static abstract void Store(TVector value, ref T destination, nuint index);

    static abstract TVector Broadcast(T value);

    static abstract TVector Add(TVector x, TVector y);

    static abstract TVector Multiply(TVector x, TVector y);

    static abstract TVector Divide(TVector x, TVector y);

    static abstract TVector Negate(TVector x);

    static abstract TVector Sqrt(TVector x);

    /// <summary>The larger of the two; NaN if either is NaN (as <c>torch.maximum</c>).</summary>
    static abstract TVector Max(TVector x, TVector y);

    /// <summary><c>x·y + addend</c> rounded once.</summary>
    static abstract TVector FusedMultiplyAdd(TVector x, TVector y, TVector addend);
}
