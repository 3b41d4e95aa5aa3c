using System;

namespace Teleport;

/// <summary>
/// Max pooling over non-overlapping square windows (PyTorch <c>nn.MaxPool2d(kernel)</c>: stride = kernel, no
/// padding): each channel of the input image [C, H, W] becomes [C, H/kernel, W/kernel]; the kernel must divide H
/// and W. Where a window holds equal maxima the first in row-major order is taken, as PyTorch does. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2dAttribute : Attribute
{
    /// <summary>Creates a max pooling layer with square windows of side <paramref name="kernel"/>.</summary>
    public MaxPool2dAttribute(int kernel) => Kernel = kernel;

    /// <summary>The window side, which is also the stride.</summary>
    public int Kernel { get; }
}
