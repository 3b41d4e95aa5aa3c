using System.Runtime.CompilerServices;

namespace Teleport.Kernels;

/// <summary>
/// A read-only matrix addressed by strides: element (row, column) at
/// <c>Data[row·RowStride + column·ColumnStride]</c>. A row-major matrix and its transpose are the
/// same memory with the strides swapped, which is how NN, NT and TN share one driver.
/// </summary>
internal readonly unsafe struct MatrixOperand<T> where T : unmanaged
{
    public MatrixOperand(T* data, nint rowStride, nint columnStride)
    {
        Data = data;
        RowStride = rowStride;
        ColumnStride = columnStride;
    }

    public T* Data { get; }
    public nint RowStride { get; }
    public nint ColumnStride { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T* At(nint row, nint column) => Data + row * RowStride + column * ColumnStride;
}
