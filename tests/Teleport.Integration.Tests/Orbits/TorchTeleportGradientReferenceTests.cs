using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Integration.Tests.Networks;
using Teleport.Serialization;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests.Orbits;

/// <summary>
/// The generated teleport objective gradient (<c>TeleportObjectiveGradient</c>: F = ‖∇L‖², ∂F(g·W)/∂T at g = I, the
/// adjoint of each symmetry's action applied to 2H∇L) of the trained paper network against float64 PyTorch, which
/// differentiates F through the action (written independently in the paper's layout, g = matrix_exp(T)), the forward
/// pass and the first backward (Fixtures/make_orbit_fixture.py, part C → teleport_gradient_paper_mlp.json). S2 and S4
/// on 200 test images, S3 (increment form, as the runtime's) on the first 8, where it is exact.
/// </summary>
public class TorchTeleportGradientReferenceTests
{

    [Fact]
    public void LieAlgebraGradientOfTheSquaredGradientNormMatchesPyTorch()
    {
        var model = new PaperMlp.Float64();
        var info = PaperMlp.Float64.Info;
        SafeTensors.ReadParameters<double>(TorchFixtures.Path("geometry_paper_mlp.safetensors"), info, model.Parameters);
        var theta = model.Parameters.ToArray();
        var data = SafeTensors.Read(TorchFixtures.Path("geometry_paper_mlp_data.safetensors"));
        var pixels = data["pixels"].ToDoubleArray().Select(b => (double)((float)b / 255f)).ToArray();
        var labels = data["labels"].ToDoubleArray().Select(l => (int)l).ToArray();
        using var json = TorchFixtures.Open("teleport_gradient_paper_mlp.json");
        var lie = new double[info.Symmetries.Sum(s => s.Dimension)];
        var checkedCount = 0;

        foreach (var c in json.RootElement.GetProperty("symmetries").EnumerateArray())
        {
            var id = c.GetProperty("symmetry").GetString()!;
            var layer = c.GetProperty("layer").GetInt32();
            var n = c.GetProperty("samples").GetInt32();
            var s = Enumerable.Range(0, info.Symmetries.Count).Single(i => info.Symmetries[i].Id == id && info.Symmetries[i].Layer == layer);
            var symmetry = info.Symmetries[s];
            var inputs = pixels.AsSpan(0, n * info.InputSize).ToArray();
            var targets = new Targets<double>(labels.AsSpan(0, n).ToArray());
            theta.CopyTo(model.Parameters);

            var active = new bool[info.Symmetries.Count];
            active[s] = true;
            Array.Clear(lie);
            var value = ((ITeleportable<double>)model).TeleportObjectiveGradient(inputs, targets, active, Span<double>.Empty, lie);

            var expected = TorchFixtures.Doubles(c, "lie_gradient");
            Assert.Equal(symmetry.Dimension, expected.Length);
            var offset = info.Symmetries.Take(s).Sum(x => x.Dimension);
            var actual = lie.AsSpan(offset, symmetry.Dimension).ToArray();
            var where = $"{id}@{layer}, n = {n}";
            Assert.True(Math.Abs(value.Loss - c.GetProperty("loss").GetDouble()) <= 1e-12, $"{where}: loss {value.Loss}");
            var f = c.GetProperty("objective").GetDouble();
            Assert.True(Math.Abs(value.GradientNormSquared - f) <= 1e-12 * f, $"{where}: ‖∇L‖² {value.GradientNormSquared} vs {f}");
            var error = Batch.RelativeError(actual, expected);
            Assert.True(error <= 1e-9, $"{where}: ∂F/∂T relative error {error:E3}");
            checkedCount++;
        }
        Assert.Equal(6, checkedCount);
    }
}
