using System;
using System.Diagnostics;
using System.Linq;
using Teleport.Generators.Emit;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;
using Xunit.Abstractions;
namespace Teleport.Generators.Tests;
public class ScratchTanh(ITestOutputHelper log)
{
    [Fact]
    public void Tanh()
    {
        for (var depth = 16; depth <= 22; depth += 2)
        {
            var text = string.Concat(Enumerable.Repeat("tanh(", depth)) + "x" + new string(')', depth);
            var e = ActivationLanguage.Parse(text).Expression!;
            var type = new TypeHierarchy("", EquatableArray<ContainingType>.Empty, "Net", "public", "Net");
            var spec = new NetworkSpec(type, 4, NetworkLoss.MeanSquaredError, new LayerSpec[] { new DenseLayerSpec(0, 4, 3, true, text, e), new DenseLayerSpec(1, 3, 2, true, "", Expr.Var("x")) }.ToEquatableArray());
            Simplifier.ScratchCounter = 0;
            var sw = Stopwatch.StartNew();
            var a = ActivationAnalysis.Analyze(e); var t0 = sw.ElapsedMilliseconds;
            var n = NetworkDerivation.Derive(spec); var t1 = sw.ElapsedMilliseconds;
            var c = Simplifier.ScratchCounter;
            var code = NetworkEmitter.Emit(n); var t2 = sw.ElapsedMilliseconds;
            log.WriteLine($"depth {depth}: analyze {t0} derive {t1 - t0} (visits {c}) emit {t2 - t1} (visits {Simplifier.ScratchCounter - c}) code {code.Length}");
        }
    }
}
