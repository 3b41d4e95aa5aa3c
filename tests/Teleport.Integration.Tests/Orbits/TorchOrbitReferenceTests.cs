using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Geometry;
using Teleport.Integration.Tests.Networks;
using Teleport.Serialization;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests.Orbits;

/// <summary>
/// The generated orbit derivatives and ψ of the trained paper network against float64 PyTorch
/// (Fixtures/make_orbit_fixture.py: actions written in the paper's layout, matrix_exp, derivatives by autograd, and
/// the authors' compute_gamma_12 with torch.linalg.pinv for the paper's ψ).
/// </summary>
public class TorchOrbitReferenceTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static (PaperMlp.Float64 Model, double[] Inputs, JsonDocument Json) Load()
    {
        var model = new PaperMlp.Float64();
        SafeTensors.ReadParameters<double>(Fixture("geometry_paper_mlp.safetensors"), PaperMlp.Float64.Info, model.Parameters);
        var data = SafeTensors.Read(Fixture("geometry_paper_mlp_data.safetensors"));
        var inputs = data["pixels"].ToDoubleArray().Select(b => (double)((float)b / 255f)).ToArray();
        return (model, inputs, JsonDocument.Parse(File.ReadAllText(Fixture("orbit_paper_mlp.json"))));
    }

    private static int IndexOf(NetworkInfo info, string id, int layer) =>
        Enumerable.Range(0, info.Symmetries.Count).Single(s => info.Symmetries[s].Id == id && info.Symmetries[s].Layer == layer);

    private static int OffsetOf(NetworkInfo info, int symmetry) => info.Symmetries.Take(symmetry).Sum(s => s.Dimension);

    [Fact]
    public void DerivativesOfEveryCurveMatchPyTorch()
    {
        var (model, inputs, json) = Load();
        using var _ = json;
        var root = json.RootElement;
        var info = PaperMlp.Float64.Info;
        var n = root.GetProperty("samples_derivatives").GetInt32();
        var batch = inputs.AsSpan(0, n * info.InputSize).ToArray();
        var blocks = root.GetProperty("generator_derivatives").EnumerateArray().Select(b => b.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();
        var count = info.ParameterCount;
        var sin = Enumerable.Range(0, count).Select(i => Math.Sin(i + 1.0)).ToArray();
        var cos = Enumerable.Range(0, count).Select(i => Math.Cos(3.0 * i + 1)).ToArray();
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            var name = c.GetProperty("name").GetString()!;
            var active = new bool[info.Symmetries.Count];
            var generator = new double[info.Symmetries.Sum(s => s.Dimension)];
            foreach (var step in name.Split('+'))
            {
                var layer = int.Parse(step[3..]);
                var s = IndexOf(info, step[..2], layer);
                active[s] = true;
                blocks[layer].CopyTo(generator, OffsetOf(info, s));
            }
            var orders = new[] { new double[count], new double[count], new double[count] };
            Assert.True(model.OrbitDerivatives(active, generator, batch, OrbitDerivativeMode.Exact, orders[0], orders[1], orders[2]), name);
            var expected = c.GetProperty("orders").EnumerateArray().ToArray();
            for (var j = 0; j < 3; j++)
            {
                var e = expected[j];
                foreach (var tensor in info.Tensors)
                {
                    var norm = Math.Sqrt(orders[j].AsSpan(tensor.Offset, tensor.Length).ToArray().Sum(x => x * x));
                    var reference = e.GetProperty("norms").GetProperty(tensor.Name).GetDouble();
                    Assert.True(Math.Abs(norm - reference) <= 1e-7 * Math.Max(reference, 1), $"{name} γ^({j + 1}) ‖{tensor.Name}‖ {norm:R} vs PyTorch {reference:R}");
                }
                var scale = Math.Sqrt(orders[j].Sum(x => x * x)) * Math.Sqrt(count);
                foreach (var (key, r) in new[] { ("dot_sin", sin), ("dot_cos", cos) })
                {
                    var dot = orders[j].Zip(r, (a, b) => a * b).Sum();
                    var reference = e.GetProperty(key).GetDouble();
                    Assert.True(Math.Abs(dot - reference) <= 1e-9 * scale, $"{name} γ^({j + 1}) {key} {dot:R} vs PyTorch {reference:R}");
                }
            }
        }
    }

    [Fact]
    public void KappaOfThePapersPsiAndOfTheExactCurveMatchPyTorch()
    {
        var (model, inputs, json) = Load();
        using var _ = json;
        var root = json.RootElement;
        var info = PaperMlp.Float64.Info;
        var n = root.GetProperty("samples_psi").GetInt32();
        var batch = inputs.AsSpan(0, n * info.InputSize).ToArray();
        var count = info.ParameterCount;
        var (first, second) = (new double[count], new double[count]);
        var active = new bool[info.Symmetries.Count];
        var s0 = IndexOf(info, "S3", 0);
        var s1 = IndexOf(info, "S3", 1);
        active[s0] = active[s1] = true;
        var paper = root.GetProperty("kappa_paper").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var exact = root.GetProperty("kappa_exact").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var c = 0;
        foreach (var g in root.GetProperty("generators_psi").EnumerateArray())
        {
            var blocks = g.EnumerateArray().Select(b => b.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray();
            var generator = new double[info.Symmetries.Sum(s => s.Dimension)];
            blocks[0].CopyTo(generator, OffsetOf(info, s0));
            blocks[1].CopyTo(generator, OffsetOf(info, s1));
            Assert.True(model.OrbitDerivatives(active, generator, batch, OrbitDerivativeMode.Paper, first, second, default));
            var kappa = CurveCurvature.Kappa<double>(first, second);
            Assert.True(Math.Abs(kappa - paper[c]) <= 1e-7 * paper[c], $"curve {c}: paper κ {kappa:R} vs PyTorch {paper[c]:R}");
            Assert.True(model.OrbitDerivatives(active, generator, batch, OrbitDerivativeMode.Exact, first, second, default));
            kappa = CurveCurvature.Kappa<double>(first, second);
            Assert.True(Math.Abs(kappa - exact[c]) <= 1e-7 * exact[c], $"curve {c}: exact κ {kappa:R} vs PyTorch {exact[c]:R}");
            c++;
        }
        Assert.Equal(3, c);
    }
}
