namespace Teleport.Runtime.Tests;

public class SmokeTests
{
    [Fact]
    public void LossKindDefaultsToCrossEntropy() => Assert.Equal(LossKind.SoftmaxCrossEntropy, new NetworkAttribute().Loss);
}
