using System.IO;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

/// <summary>A fact that is skipped, with the reason, only when Fashion-MNIST is not installed (CI installs it).</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!Directory.Exists(FashionMnist.DefaultDirectory))
            Skip = $"Fashion-MNIST is not installed at {FashionMnist.DefaultDirectory} (apt-get install dataset-fashion-mnist)";
    }
}
