using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Abstractions;
namespace Teleport.Generators.Tests;
public class ScratchProbe(ITestOutputHelper log)
{
    [Theory]
    [InlineData("tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(x))))))))))))))))))))))")]
    [InlineData("tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(tanh(x))))))))))))))))))))))))))))))")]
    public async Task Probe(string act)
    {
        var src = $$"""
            using Teleport;
            [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
            [Dense(3, Activation = "{{act}}")]
            [Dense(2)]
            public partial class P { }
            """;
        var sw = Stopwatch.StartNew();
        var t = Task.Run(() => GeneratorHarness.Run(src));
        var done = await Task.WhenAny(t, Task.Delay(60000));
        if (done != t) { log.WriteLine("HANG"); Assert.Fail("hang"); }
        var o = await t;
        log.WriteLine($"{sw.ElapsedMilliseconds} ms, code {o.Sources.Sum(x => x.Length)}");
        foreach (var d in o.GeneratorDiagnostics) log.WriteLine("G " + d);
        foreach (var d in o.CompilationDiagnostics.Take(5)) log.WriteLine("C " + d);
    }
}
