using System;
using System.Linq;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests;

/// <summary>
/// The derived symmetries of generated networks: exact ones preserve the loss, and the fused
/// ∂F/∂T agrees with a finite difference of F = ‖∇L‖² along each orbit, for every kind.
/// </summary>
public class TeleportMathTests
{
    public static TheoryData<string> WithSymmetries()
    {
        var data = new TheoryData<string>();
        foreach (var c in NetworkCase.All)
            if (c.Create().F.Info.Symmetries.Count > 0) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(WithSymmetries))]
    public void ExactSymmetriesPreserveTheLoss(string name)
    {
        // S1 and S2 preserve L for any data; S3 on the teleport batch when it has at most fan-in (+1) samples.
        var c = NetworkCase.Get(name);
        var checkedAny = false;
        var info = c.Create().F.Info;
        for (var s = 0; s < info.Symmetries.Count; s++)
        {
            var symmetry = info.Symmetries[s];
            if (symmetry.Id == "S4") continue;
            var (f, d) = c.Create();
            var n = symmetry.Id == "S3" ? Math.Min(c.Batch, (info.Layers[symmetry.Layer].InputSize + 1) / 2) : c.Batch;
            var batch = new Batch(info, n, seed: 21 + s);
            var lossD = d.Loss(batch.Inputs, batch.TargetsD);
            var lossF = f.Loss(batch.InputsF, batch.TargetsF);
            var g = Orbit.Exp<double>(symmetry, Orbit.Direction(symmetry, seed: 100 + s, scale: 0.3));
            Assert.True(((ITeleportable<double>)d).ApplyGroupAction(s, g, batch.Inputs), $"{symmetry.Id}@{symmetry.Layer} rejected a valid element");
            Assert.True(((ITeleportable<float>)f).ApplyGroupAction(s, Array.ConvertAll(g, v => (float)v), batch.InputsF), $"{symmetry.Id}@{symmetry.Layer} (float) rejected a valid element");
            var afterD = d.Loss(batch.Inputs, batch.TargetsD);
            var afterF = f.Loss(batch.InputsF, batch.TargetsF);
            var toleranceD = symmetry.Id == "S3" ? 1e-9 : 1e-12; // S3 solves normal equations with a ridge
            Assert.True(Math.Abs(afterD - lossD) <= toleranceD * Math.Abs(lossD), $"{name} {symmetry.Id}@{symmetry.Layer}: double loss {lossD} → {afterD}");
            Assert.True(Math.Abs(afterF - lossF) <= 1e-5 * Math.Abs(lossF), $"{name} {symmetry.Id}@{symmetry.Layer}: float loss {lossF} → {afterF}");
            checkedAny = true;
        }
        Assert.True(checkedAny);
    }

    [Theory]
    [MemberData(nameof(WithSymmetries))]
    public void LeastSquaresActionDriftIsMeasured(string name)
    {
        // S4 is exact (to the ridge) when the batch has at most k samples, and moves the loss when it has more.
        var c = NetworkCase.Get(name);
        var info = c.Create().F.Info;
        for (var s = 0; s < info.Symmetries.Count; s++)
        {
            var symmetry = info.Symmetries[s];
            if (symmetry.Id != "S4") continue;
            foreach (var n in new[] { symmetry.Width, 4 * symmetry.Width + 8 })
            {
                var (_, d) = c.Create();
                var batch = new Batch(info, n, seed: 41 + s);
                var before = d.Loss(batch.Inputs, batch.TargetsD);
                var g = Orbit.Exp<double>(symmetry, Orbit.Direction(symmetry, seed: 300 + s, scale: 0.3));
                Assert.True(((ITeleportable<double>)d).ApplyGroupAction(s, g, batch.Inputs));
                var drift = Math.Abs(d.Loss(batch.Inputs, batch.TargetsD) - before) / before;
                if (n <= symmetry.Width) Assert.True(drift <= 1e-6, $"{name} S4@{symmetry.Layer}, n = {n}: drift {drift:E2}");
                else Assert.True(drift > 1e-9, $"{name} S4@{symmetry.Layer}, n = {n}: expected a measurable drift, got {drift:E2}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(WithSymmetries))]
    public void ObjectiveGradientMatchesDifferencesAlongEachOrbit(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var model = (ITeleportable<double>)d;
        var info = d.Info;
        var theta = d.Parameters.ToArray();
        var gradient = new double[theta.Length];
        var lie = new double[info.Symmetries.Sum(s => s.Dimension)];
        var all = Enumerable.Repeat(true, info.Symmetries.Count).ToArray();

        for (var s = 0; s < info.Symmetries.Count; s++)
        {
            var symmetry = info.Symmetries[s];
            // Each kind is differentiable where its formula holds: S3 needs n ≤ fan-in (+1), S4 needs n ≥ k.
            var n = symmetry.Id switch
            {
                "S3" => Math.Min(c.Batch, info.Layers[symmetry.Layer].InputSize),
                "S4" => Math.Max(c.Batch, symmetry.Width + 2),
                _ => c.Batch,
            };
            var batch = new Batch(info, n, seed: 31 + s);
            theta.CopyTo(d.Parameters);
            model.TeleportObjectiveGradient(batch.Inputs, batch.TargetsD, all, gradient, lie);
            var offset = info.Symmetries.Take(s).Sum(x => x.Dimension);
            var direction = Orbit.Direction(symmetry, seed: 200 + s, scale: 1);
            var analytic = 0.0;
            for (var i = 0; i < direction.Length; i++) analytic += lie[offset + i] * direction[i];

            double F(double epsilon)
            {
                theta.CopyTo(d.Parameters);
                var g = Orbit.Exp<double>(symmetry, direction.Select(v => epsilon * v).ToArray());
                Assert.True(model.ApplyGroupAction(s, g, batch.Inputs));
                var grad = new double[theta.Length];
                d.LossAndGradient(batch.Inputs, batch.TargetsD, grad);
                return grad.Sum(v => v * v);
            }

            var h = 1e-5;
            var numeric = (F(h) - F(-h)) / (2 * h);
            var error = Math.Abs(analytic - numeric) / Math.Max(Math.Abs(numeric), 1e-8);
            Assert.True(error <= 1e-5, $"{name} {symmetry.Id}@{symmetry.Layer}: ⟨∂F/∂T, E⟩ = {analytic:E6}, FD = {numeric:E6}, rel {error:E2}");
        }
        theta.CopyTo(d.Parameters);
    }
}
