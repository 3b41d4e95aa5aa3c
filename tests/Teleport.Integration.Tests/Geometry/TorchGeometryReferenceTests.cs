using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Geometry;
using Teleport.Integration.Tests.Networks;
using Teleport.Serialization;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>
/// The Hessian trace and top eigenvalue of a trained paper network against float64 PyTorch: the full Hessian
/// from double backward, its diagonal and torch.linalg.eigvalsh (Fixtures/make_geometry_fixture.py).
/// </summary>
public class TorchGeometryReferenceTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static (double[] Inputs, int[] Labels, JsonElement Expected, JsonDocument Json) Load<TModel>(TModel model)
        where TModel : IDifferentiableModel<double>
    {
        SafeTensors.ReadParameters<double>(Fixture("geometry_paper_mlp.safetensors"), model.Info, model.Parameters);
        var data = SafeTensors.Read(Fixture("geometry_paper_mlp_data.safetensors"));
        // ToTensor's pixels: b / 255 in float, widened (as the fixture and FashionMnist do).
        var inputs = data["pixels"].ToDoubleArray().Select(b => (double)((float)b / 255f)).ToArray();
        var labels = data["labels"].ToDoubleArray().Select(l => (int)l).ToArray();
        var json = JsonDocument.Parse(File.ReadAllText(Fixture("geometry_paper_mlp.json")));
        return (inputs, labels, json.RootElement, json);
    }

    [Fact]
    public void TraceAndTopEigenvalueMatchPyTorch()
    {
        var model = new PaperMlp.Float64();
        var (inputs, labels, expected, json) = Load(model);
        using var _ = json;
        Assert.Equal(expected.GetProperty("loss").GetDouble(), model.Loss(inputs, labels), 1e-12);

        var trace = new HessianTrace<double>(model);
        var exact = trace.Exact(inputs, labels);
        var reference = expected.GetProperty("hessian_trace").GetDouble();
        Assert.True(Math.Abs(exact.Trace - reference) <= 1e-10 * reference, $"trace {exact.Trace:R} vs PyTorch {reference:R}");
        var byTensor = expected.GetProperty("hessian_trace_by_tensor");
        for (var t = 0; t < PaperMlp.Info.Tensors.Count; t++)
        {
            var block = byTensor.GetProperty(PaperMlp.Info.Tensors[t].Name).GetDouble();
            Assert.True(Math.Abs(trace.TensorTraces[t] - block) <= 1e-10 * reference, $"{PaperMlp.Info.Tensors[t].Name}: {trace.TensorTraces[t]:R} vs {block:R}");
        }

        var top = expected.GetProperty("top_eigenvalues").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var lanczos = new HessianTopEigenvalue<double>(model).Compute(inputs, labels, relativeTolerance: 1e-7, seed: 1);
        Assert.True(lanczos.Converged, lanczos.ToString());
        Assert.True(Math.Abs(lanczos.Eigenvalue - top[0]) <= Math.Max(lanczos.Residual, 1e-12 * top[0]), $"λmax {lanczos.Eigenvalue:R} vs PyTorch {top[0]:R} (residual {lanczos.Residual:E2})");

        var estimate = trace.Hutchinson(inputs, labels, 200, seed: 2);
        Assert.True(Math.Abs(estimate.Trace - reference) <= 4 * estimate.StandardError, $"Hutchinson {estimate.Trace} ± {estimate.StandardError} vs {reference}");
    }

    [Fact]
    public void FloatMeasuresAgreeWithPyTorchToFloatPrecision()
    {
        var twin = new PaperMlp.Float64();
        var (inputs, labels, expected, json) = Load(twin);
        using var _ = json;
        var model = new PaperMlp();
        for (var i = 0; i < PaperMlp.ParameterCount; i++) model.Parameters[i] = (float)twin.Parameters[i];
        var inputsF = Array.ConvertAll(inputs, x => (float)x);
        var measures = new GeometryMeasures<float>(model, new MeasureOptions { EigenvalueTolerance = 1e-4 }).Measure(inputsF, labels);
        var trace = expected.GetProperty("hessian_trace").GetDouble();
        var top = expected.GetProperty("top_eigenvalues")[0].GetDouble();
        Assert.True(Math.Abs(measures.Trace.Trace - trace) <= 1e-4 * trace, $"float trace {measures.Trace.Trace} vs {trace}");
        Assert.True(Math.Abs(measures.TopEigenvalue.Eigenvalue - top) <= 1e-4 * top, $"float λmax {measures.TopEigenvalue.Eigenvalue} vs {top}");
        // ψ (one curve of 200 samples, generator of seed 0 + 5) in float against the same curve in double
        var psi = new OrbitCurvature<double>(twin).Measure(inputs, 5);
        Assert.Null(measures.CurvaturePsiNote);
        Assert.True(Math.Abs(measures.CurvaturePsi!.Value - psi) <= 1e-3 * psi, $"float ψ {measures.CurvaturePsi} vs double {psi}");
        Assert.NotNull(measures.CurvaturePsiExact);
    }
}
