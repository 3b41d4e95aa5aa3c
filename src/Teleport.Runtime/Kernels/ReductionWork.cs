namespace Teleport.Kernels;

/// <summary>
/// Work done on the elements of a reduction in the same pass (<see cref="DeterministicReduction"/>): an optimizer's
/// update of the elements whose gradient is being squared and summed. The work sees every element exactly once, whole
/// blocks of <see cref="DeterministicReduction.Lanes"/> as the reduction reaches them and the rest at the end.
/// </summary>
/// <remarks>Implemented by structs that inline into the reduction's loop; the sum does not depend on the work.</remarks>
internal interface IReductionWork
{
    /// <summary>
    /// Elements [<paramref name="start"/>, start + <see cref="DeterministicReduction.Lanes"/>), in whole registers of
    /// <paramref name="width"/> (<see cref="SimdWidth.Vector512"/> or <see cref="SimdWidth.Vector256"/>).
    /// </summary>
    void Block(nint start, SimdWidth width);

    /// <summary>Elements [<paramref name="start"/>, <paramref name="end"/>), at any width.</summary>
    void Rest(nint start, nint end);
}

/// <summary>No work: a reduction alone.</summary>
internal readonly struct NoReductionWork : IReductionWork
{
    public void Block(nint start, SimdWidth width)
    {
    }

    public void Rest(nint start, nint end)
    {
    }
}
