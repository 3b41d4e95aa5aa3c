using System;
using Teleport;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Training;

// Fashion-MNIST from Debian's dataset-fashion-mnist, or its synthetic stand-in when it is not installed.
var data = FashionMnist.IsInstalled() ? FashionMnist.LoadPaperSplits(seed: 1) : SyntheticClassification.Create(10_000, 2_000, seed: 1);
var model = new FashionMlp();
model.InitializeParameters(seed: 1);
var adam = OptimizerFactory.Create<float>(OptimizerKind.Adam, new OptimizerSettings { LearningRate = 1e-4 }, FashionMlp.ParameterCount);
var teleport = new TeleportCallback(model, new TeleportTrainingOptions { Schedule = new TeleportSchedule { Epochs = [1], CountPerEpoch = 8 } });
var trainer = new Trainer(model, adam, data.Train, data.Test, new TrainerOptions { Epochs = 3, BatchSize = 20 }, [teleport]);
trainer.Run();
foreach (var epoch in trainer.History.Epochs)
    Console.WriteLine($"epoch {epoch.Epoch}: train loss {epoch.TrainLoss:F4}, test accuracy {epoch.TestAccuracy:P2}");

/// <summary>The ICLR 2024 paper's network; the generator adds the training math and the teleport members.</summary>
[Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
[Dense(16, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Activation = "leaky_relu(0.1)", Bias = false)]
[Dense(10, Bias = false)]
public partial class FashionMlp { }
