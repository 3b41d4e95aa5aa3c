using System.Text;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Records;

namespace Teleport.Runtime.Tests.Records;

public sealed class OptimizerFieldsTests
{
    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Momentum)]
    [InlineData(OptimizerKind.AdaGrad)]
    [InlineData(OptimizerKind.RmsProp)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    public void SettingsRoundTripThroughJson(OptimizerKind kind)
    {
        var settings = new OptimizerSettings { LearningRate = 0.1 / 3, WeightDecay = 1e-4, Beta2 = 0.995, LearningRateDecay = 1e-3 }.Resolve(kind);
        var fields = OptimizerFields.Describe(kind, settings);
        var record = new RunRecord(new RecordFields().Add("optimizer", fields), []);
        var back = RunRecordJson.Parse(RunRecordJson.ToUtf8Bytes(record), "run.json").Config["optimizer"].Fields;
        var (parsedKind, parsed) = OptimizerFields.Parse(back, "run.json");
        Assert.Equal(kind, parsedKind);
        Assert.Equal(settings, parsed);
    }

    [Fact]
    public void DescribesWithPyTorchNames()
    {
        var optimizer = OptimizerFactory.Create<float>(OptimizerKind.Adam, new OptimizerSettings(), 3);
        optimizer.LearningRate = 0.5;
        var text = Encoding.UTF8.GetString(RunRecordJson.ToUtf8Bytes(new RunRecord(OptimizerFields.Describe(optimizer), [])));
        Assert.Contains("\"kind\": \"adam\"", text);
        Assert.Contains("\"lr\": 0.5", text);
        Assert.Contains("\"betas\": [", text);
        Assert.Contains("\"eps\": 1E-08", text, System.StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AnUnknownKindIsReported()
    {
        var fields = OptimizerFields.Describe(OptimizerKind.Sgd, new OptimizerSettings().Resolve(OptimizerKind.Sgd)).Set("kind", "lbfgs");
        var error = Assert.Throws<TeleportDataException>(() => OptimizerFields.Parse(fields, "ckpt.json"));
        Assert.Contains("\"optimizer.kind\" is \"lbfgs\", not an optimizer kind", error.Message);
    }
}
