using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Integration.Tests.Networks;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>
/// The TopEigenvalue teleport objective (λmax = uᵀHu by Lanczos, its Lie-algebra gradient the adjoint of D³L[u, u, ·])
/// against PyTorch in float64: λmax of the dense Hessian by eigvalsh, and its derivative along S2 on each hidden layer
/// by autograd through the Hessian (Fixtures/make_torch_fixtures.py, torch_top_eigenvalue_SmallLeakyClassifier.json).
/// </summary>
public class TorchTopEigenvalueGradientReferenceTests
{
    [Fact]
    public void TopEigenvalueAndItsLieAlgebraGradientMatchPyTorch()
    {
        using var json = TorchFixtures.Open("torch_top_eigenvalue_SmallLeakyClassifier.json");
        var root = json.RootElement;
        var info = SmallLeakyClassifier.Info;
        Assert.Equal(info.Tensors.Select(t => t.Name).ToArray(), root.GetProperty("names").EnumerateArray().Select(e => e.GetString()).ToArray());

        var model = new SmallLeakyClassifier.Float64();
        TorchFixtures.Doubles(root.GetProperty("parameters")).CopyTo(model.Parameters);
        var inputs = TorchFixtures.Doubles(root.GetProperty("inputs"));
        var targets = new Targets<double>(root.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        var options = new TeleportOptions
        {
            Objective = TeleportObjective.TopEigenvalue,
            Symmetries = SymmetrySet.Exact,
            ObjectiveSettings = new TeleportObjectiveOptions { EigenvalueTolerance = 1e-14, Seed = 3 },
        };
        var lie = new double[info.Symmetries.Sum(s => s.Dimension)];
        var (loss, objective) = new Teleporter<double>(model).EvaluateObjective(inputs, targets, options, lie);

        Assert.True(Math.Abs(loss - root.GetProperty("loss").GetDouble()) <= 1e-12, $"loss {loss}");
        var top = root.GetProperty("top_eigenvalue").GetDouble();
        Assert.True(Math.Abs(objective - top) <= 1e-11 * top, $"λmax {objective} vs {top}");
        var compared = new bool[info.Symmetries.Count];
        foreach (var c in root.GetProperty("symmetries").EnumerateArray())
        {
            var layer = c.GetProperty("layer").GetInt32();
            var s = Enumerable.Range(0, info.Symmetries.Count).Single(i => info.Symmetries[i].Id == "S2" && info.Symmetries[i].Layer == layer);
            var offset = info.Symmetries.Take(s).Sum(x => x.Dimension);
            var expected = TorchFixtures.Doubles(c.GetProperty("lie_gradient"));
            var error = Batch.RelativeError(lie.AsSpan(offset, info.Symmetries[s].Dimension), expected);
            Assert.True(error <= 1e-9, $"S2@{layer}: ∂λmax/∂t relative error {error:E3}");
            compared[s] = true;
        }
        // The exact set on this network is S2 on both hidden layers: nothing else may carry a gradient.
        for (int s = 0, offset = 0; s < info.Symmetries.Count; offset += info.Symmetries[s].Dimension, s++)
        {
            if (!compared[s]) Assert.All(lie.AsSpan(offset, info.Symmetries[s].Dimension).ToArray(), x => Assert.Equal(0, x));
        }
        Assert.Equal(2, compared.Count(b => b));
    }
}
