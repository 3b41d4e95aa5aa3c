using System;
using Teleport.Geometry.Experiments;
using Teleport.Runtime.Tests.Training;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Geometry;

/// <summary>
/// The generalization study's divergence rule, as the trainer's, reads ‖∇L‖² in double: summed in float a finite gradient
/// with entries near 1e19 (squares near 1e38, their sum past 3.4e38) was +∞, and the study stopped on "the gradient
/// became +∞" with every entry finite.
/// </summary>
public sealed class StudyGradientNormTests
{
    [Fact]
    public void AFiniteGradientWhoseNormOverflowsFloatIsNoDivergence()
    {
        var options = new GeneralizationOptions
        {
            Seeds = 1, Epochs = 2, TeleportEpoch = 1, LearningRate = 1e-24, BatchSize = 20, TeleportBatch = 20, SharpnessDirections = 1,
            Psi = null, Arms = [GeneralizationArm.Control],
        };
        PoisonedMlp? model = null;
        var study = new GeneralizationStudy(options, () => model = new PoisonedMlp(atCall: 3), (m, seed) => ((PoisonedMlp)m).Inner.InitializeParameters(seed),
            TeleportTestSetup.Data.Train, TeleportTestSetup.Data.Test);
        var seed = study.Run(0);
        Assert.NotNull(seed);
        Assert.True(model!.Poisoned, "the gradient was never poisoned: the test no longer tests the rule");
        Assert.Equal(2, seed.Baseline.Count + seed.Arms[0].Epochs.Count);
    }

    /// <summary>The MLP, with four gradient entries of 1e19 at its <paramref name="atCall"/>-th gradient (1-based).</summary>
    private sealed class PoisonedMlp(int atCall) : ITeleportable<float>
    {
        private int _calls;

        private readonly ITeleportable<float> _model = new TeleportTestMlp();

        public TeleportTestMlp Inner => (TeleportTestMlp)_model;

        public bool Poisoned { get; private set; }

        public NetworkInfo Info => _model.Info;

        public Span<float> Parameters => _model.Parameters;

        public float Loss(ReadOnlySpan<float> inputs, Targets<float> targets) => _model.Loss(inputs, targets);

        public float LossAndGradient(ReadOnlySpan<float> inputs, Targets<float> targets, Span<float> gradient)
        {
            var loss = _model.LossAndGradient(inputs, targets, gradient);
            if (++_calls == atCall)
            {
                gradient[^8..^4].Fill(1e19f);
                Poisoned = true;
            }
            return loss;
        }

        public void HessianVectorProduct(ReadOnlySpan<float> inputs, Targets<float> targets, ReadOnlySpan<float> v, Span<float> result) =>
            _model.HessianVectorProduct(inputs, targets, v, result);

        public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => _model.Predict(inputs, outputs);

        public TeleportObjectiveValue<float> TeleportObjectiveGradient(ReadOnlySpan<float> inputs, Targets<float> targets, ReadOnlySpan<bool> active, Span<float> gradient, Span<float> lieAlgebraGradient) =>
            _model.TeleportObjectiveGradient(inputs, targets, active, gradient, lieAlgebraGradient);

        public bool ApplyGroupAction(int symmetry, ReadOnlySpan<float> groupElement, ReadOnlySpan<float> inputs) => _model.ApplyGroupAction(symmetry, groupElement, inputs);

        public bool TransportCovector(int symmetry, ReadOnlySpan<float> groupElement, Span<float> covector, bool squared) =>
            _model.TransportCovector(symmetry, groupElement, covector, squared);
    }
}
