using System;

namespace Teleport;

/// <summary>
/// Average pooling over non-overlapping square windows (PyTorch <c>nn.AvgPool2d(kernel)</c>: stride = kernel, no
/// padding): each channel of the input image [C, H, W] becomes [C, H/kernel, W/kernel]; the kernel must divide H
/// and W. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2dAttribute : Attribute
{
    /// <summary>Creates an average pooling layer with square windows of side <paramref name="kernel"/>.</summary>
    public AvgPool2dAttribute(int kernel) => Kernel = kernel;

    /// <summary>The window side, which is also the stride.</summary>
    public int Kernel { get; }
}
