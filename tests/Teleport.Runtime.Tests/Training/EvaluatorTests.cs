using System;
using Teleport.Data;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class EvaluatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    public void ClassificationLossAndAccuracyMatchANaiveComputation(int chunk)
    {
        var set = TrainingTestData.SmallClassification(10, 64).Test;
        var model = new SoftmaxRegression(20, 4).Initialize(4);
        var result = new Evaluator(model, chunk).Evaluate(set);

        var logits = new float[4];
        double loss = 0;
        var correct = 0;
        for (var i = 0; i < set.Count; i++)
        {
            model.Predict(set.FeatureRow(i), logits);
            loss += TrainingTestData.CrossEntropy(logits, set.Label(i));
            var best = 0;
            for (var c = 1; c < 4; c++)
                if (logits[c] > logits[best]) best = c;
            if (best == set.Label(i)) correct++;
        }
        Assert.Equal(loss / set.Count, result.Loss, 1e-12);
        Assert.Equal((double)correct / set.Count, result.Accuracy);
        Assert.Equal(model.Loss(set.Features, set.Labels), result.Loss, 1e-5);
    }

    [Fact]
    public void AccuracyCountsTheFirstLargestOutput()
    {
        // Zero weights and a bias favouring class 2: every sample is predicted as class 2.
        var set = Dataset.Classification("four", new float[4 * 20], 20, [2, 0, 2, 3], 4);
        var model = new SoftmaxRegression(20, 4);
        model.Parameters[80 + 2] = 1f;
        var result = new Evaluator(model, 3).Evaluate(set);
        Assert.Equal(0.5, result.Accuracy);
        var e = Math.E;
        var expected = (2 * (Math.Log(3 + e) - 1) + 2 * Math.Log(3 + e)) / 4;
        Assert.Equal(expected, result.Loss, 1e-7);

        // Ties go to the first class (argmax): all outputs equal → class 0.
        model.Parameters.Clear();
        Assert.Equal(0.25, new Evaluator(model).Evaluate(set).Accuracy);
    }

    [Fact]
    public void RegressionLossIsTheMeanSquaredErrorOverAllOutputs()
    {
        var set = SyntheticRegression.Create([5, 8], 13, 2);
        var model = new LinearRegressionModel(5, 8).Initialize(3);
        var result = new Evaluator(model, 4).Evaluate(set);
        var outputs = new float[13 * 8];
        model.Predict(set.Features, outputs);
        double sum = 0;
        for (var i = 0; i < outputs.Length; i++) sum += Math.Pow((double)outputs[i] - set.Targets[i], 2);
        Assert.Equal(sum / outputs.Length, result.Loss, 1e-12);
        Assert.Null(result.Accuracy);
    }

    [Fact]
    public void ASetThatDoesNotFitTheModelIsRejected()
    {
        var model = new SoftmaxRegression(20, 4);
        var evaluator = new Evaluator(model);
        var wide = SyntheticClassification.Create(10, 10, 1, new SyntheticClassificationOptions { FeatureCount = 21, ClassCount = 4 }).Test;
        Assert.Contains("21 features", Assert.Throws<ArgumentException>(() => evaluator.Evaluate(wide)).Message);
        var wrongClasses = SyntheticClassification.Create(10, 10, 1, new SyntheticClassificationOptions { FeatureCount = 20, ClassCount = 3 }).Test;
        Assert.Contains("3 classes", Assert.Throws<ArgumentException>(() => evaluator.Evaluate(wrongClasses)).Message);
        Assert.Throws<ArgumentException>(() => evaluator.Evaluate(SyntheticRegression.Create([20, 4], 5, 1)));
    }
}
