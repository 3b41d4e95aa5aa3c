using Teleport.Generators.Symbolic.Scalar;
using Xunit.Abstractions;

namespace Teleport.Symbolic.Tests.Scalar;

public class Scratch(ITestOutputHelper output)
{
    [Fact]
    public void Print()
    {
        foreach (var a in BuiltInActivations.All)
        {
            var e = BuiltInActivations.Instantiate(a.Name);
            var s = Simplifier.Simplify(e);
            var d1 = Calculus.Differentiate(s, "x");
            var d2 = Calculus.Differentiate(d1, "x");
            output.WriteLine($"{a.Name}: {s}   [{s.Size}]");
            output.WriteLine($"   d1: {d1}   [{d1.Size}]");
            output.WriteLine($"   d2: {d2}   [{d2.Size}]");
            output.WriteLine($"   range: {IntervalEvaluator.Evaluate(s)}");
        }
    }
}
