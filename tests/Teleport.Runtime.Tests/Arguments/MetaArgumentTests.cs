using System;
using Teleport.MetaLearning;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>
/// The smallest LSTM(lr, tele) meta-network: a size-2 task has P = 8 gradient entries in, T (4 values) and the step size out.
/// </summary>
[Network(Inputs = 8, Loss = LossKind.MeanSquaredError)]
[Lstm(3)]
[Dense(5)]
public partial class TinyMetaNetwork { }

/// <summary>Meta-learning entry points: settings, protocols, spans and indices that do not fit.</summary>
public sealed class MetaArgumentTests
{
    private static readonly RegressionTask Task = new(2, 1);

    [Fact]
    public void ATaskWhoseWeightsCannotBeAnArrayIsNamed()
    {
        // size² = 2.5·10⁹ wrapped negative: an OverflowException from the first array.
        Assert.Throws<ArgumentOutOfRangeException>("size", () => new RegressionTask(50_000, 1));
    }

    [Fact]
    public void TheTeleportNeedsATaskAndAKnownForm()
    {
        Assert.Throws<ArgumentNullException>("task", () => new LieTeleport(null!, TeleportForm.Lie));
        Assert.Throws<ArgumentOutOfRangeException>("form", () => new LieTeleport(Task, (TeleportForm)9));
    }

    [Fact]
    public void TheTeleportNamesShortOutputs()
    {
        // They failed with an IndexOutOfRangeException, or a span's error naming nothing.
        var teleport = new LieTeleport(Task, TeleportForm.Lie);
        var weights = (double[])Task.InitialWeights.Clone();
        Assert.Throws<ArgumentException>("result", () => teleport.Apply(weights, new double[4], new double[7]));
        Assert.Throws<ArgumentException>("resultCotangent", () => teleport.Vjp(weights, new double[4], new double[7], new double[8], new double[4]));
        Assert.Throws<ArgumentException>("weightsCotangent", () => teleport.Vjp(weights, new double[4], new double[8], new double[7], new double[4]));
        Assert.Throws<ArgumentException>("algebraCotangent", () => teleport.Vjp(weights, new double[4], new double[8], new double[8], new double[3]));
        Assert.Throws<ArgumentException>("normalized", () => TeleportScaling.Normalize([1.0, 2.0, 3.0], 1, new double[2]));
        Assert.Throws<ArgumentException>("rawCotangent", () => TeleportScaling.NormalizeVjp([1.0, 2.0, 3.0], 1, new double[3], new double[2]));
    }

    [Theory]
    [InlineData(nameof(MetaSettings.InitialStepSize))]
    [InlineData(nameof(MetaSettings.MinStepSize))]
    [InlineData(nameof(MetaSettings.MaxStepSize))]
    [InlineData(nameof(MetaSettings.TeleportScale))]
    [InlineData(nameof(MetaSettings.Window))]
    [InlineData(nameof(MetaSettings.Form))]
    [InlineData(nameof(MetaSettings.UpdateClamp))]
    public void ABadMetaSettingIsNamed(string setting)
    {
        var settings = setting switch
        {
            nameof(MetaSettings.InitialStepSize) => new MetaSettings { InitialStepSize = double.NaN },
            nameof(MetaSettings.MinStepSize) => new MetaSettings { MinStepSize = double.NegativeInfinity },
            nameof(MetaSettings.MaxStepSize) => new MetaSettings { MinStepSize = 1e-3, MaxStepSize = 1e-4 },
            nameof(MetaSettings.TeleportScale) => new MetaSettings { TeleportScale = double.NaN },
            nameof(MetaSettings.Window) => new MetaSettings { Window = 0 },
            nameof(MetaSettings.Form) => new MetaSettings { Form = (TeleportForm)9 },
            _ => new MetaSettings { UpdateClamp = 0 },
        };
        Assert.Throws<ArgumentOutOfRangeException>(setting, settings.Validate);
        Assert.Throws<ArgumentOutOfRangeException>(setting, () => new MetaLearner(MetaVariant.LearnedRateTeleport, settings, Network()));
        Assert.Throws<ArgumentOutOfRangeException>(setting, () => new LearnedTeleportOptimizer(Network(), Task, settings));
    }

    [Fact]
    public void TheGradientChecksWideOpenClampStaysValid() =>
        new MetaSettings { Window = 4, MinStepSize = -1, MaxStepSize = 1, InitialStepSize = 1e-2, TeleportScale = 0.05 }.Validate();

    [Fact]
    public void TheLearnerNeedsAKnownVariantAndATask()
    {
        Assert.Throws<ArgumentOutOfRangeException>("variant", () => new MetaLearner((MetaVariant)9, new MetaSettings(), Network()));
        var learner = new MetaLearner(MetaVariant.LearnedRateTeleport, new MetaSettings(), Network());
        Assert.Throws<ArgumentNullException>("task", () => learner.Optimizer(null!));
    }

    [Fact]
    public void ShortFixedGradientsAreNamed()
    {
        var optimizer = new MetaLearner(MetaVariant.LearnedRateTeleport, new MetaSettings(), Network()).Optimizer(Task);
        Assert.Throws<ArgumentException>("fixedGradients", () => optimizer.RunWindow(2, new double[15]));
    }

    [Theory]
    [InlineData(nameof(MetaProtocol.TrainTasks))]
    [InlineData(nameof(MetaProtocol.Steps))]
    [InlineData(nameof(MetaProtocol.TestTasks))]
    [InlineData(nameof(MetaProtocol.MetaLearningRate))]
    [InlineData(nameof(MetaProtocol.GradientDescentStepSize))]
    [InlineData(nameof(MetaProtocol.Family))]
    public void ABadProtocolIsNamedByEveryExperiment(string setting)
    {
        // 0 tasks or steps ran and gave empty arms; a NaN rate or step trained to NaN.
        var protocol = setting switch
        {
            nameof(MetaProtocol.TrainTasks) => new MetaProtocol { TrainTasks = 0 },
            nameof(MetaProtocol.Steps) => new MetaProtocol { Steps = 0 },
            nameof(MetaProtocol.TestTasks) => new MetaProtocol { TestTasks = -1 },
            nameof(MetaProtocol.MetaLearningRate) => new MetaProtocol { MetaLearningRate = double.NaN },
            nameof(MetaProtocol.GradientDescentStepSize) => new MetaProtocol { GradientDescentStepSize = double.PositiveInfinity },
            _ => new MetaProtocol { Family = (TaskFamily)9 },
        };
        var learner = new MetaLearner(MetaVariant.LearnedRateTeleport, new MetaSettings(), Network());
        Assert.Throws<ArgumentOutOfRangeException>(setting, () => MetaExperiment.Train(learner, 2, protocol));
        Assert.Throws<ArgumentOutOfRangeException>(setting, () => MetaExperiment.Test("arm", learner, 2, protocol, []));
        Assert.Throws<ArgumentOutOfRangeException>(setting, () => MetaExperiment.GradientDescent(2, protocol));
    }

    [Fact]
    public void ExperimentsNameWhatIsMissing()
    {
        // They threw NullReferenceExceptions, or (metaLosses) returned an arm holding null.
        var learner = new MetaLearner(MetaVariant.LearnedRateTeleport, new MetaSettings(), Network());
        var protocol = new MetaProtocol { TrainTasks = 1, TestTasks = 1, Steps = 2 };
        Assert.Throws<ArgumentNullException>("learner", () => MetaExperiment.Train(null!, 2, protocol));
        Assert.Throws<ArgumentNullException>("protocol", () => MetaExperiment.Train(learner, 2, null!));
        Assert.Throws<ArgumentNullException>("metaLosses", () => MetaExperiment.Test("arm", learner, 2, protocol, null!));
    }

    [Fact]
    public void AStepPastTheRecordIsNamed()
    {
        double[][] rows = [[1.0, 2.0], [3.0, 4.0]];
        Assert.Equal(3.0, ArmResult.MeanAndStd(rows, 1).Mean);
        Assert.Throws<ArgumentOutOfRangeException>("step", () => ArmResult.MeanAndStd(rows, 2));
        Assert.Throws<ArgumentOutOfRangeException>("step", () => ArmResult.MeanAndStd(rows, -1));
    }

    private static IRecurrentModel<double> Network()
    {
        var network = new TinyMetaNetwork();
        network.InitializeParameters(1);
        return network.ToFloat64();
    }
}
