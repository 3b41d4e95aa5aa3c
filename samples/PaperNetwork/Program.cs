using System;
using PaperNetwork;
using Teleport.Teleportation;

// Prints the derived description of the paper's network: parameter tensors (PyTorch names, shapes,
// offsets), each layer's σ, σ′, σ″, σ⁻¹ and properties, and the symmetry groups with their actions
// and adjoints. Then one teleport on a random batch, to show the members in use.
Console.WriteLine(FashionMlp.Info.Describe());

var model = new FashionMlp();
model.InitializeParameters(seed: 1);
var random = new Random(1);
var inputs = new float[200 * FashionMlp.InputSize];
var labels = new int[200];
for (var i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
for (var i = 0; i < labels.Length; i++) labels[i] = random.Next(FashionMlp.OutputSize);

var report = model.Teleport(inputs, labels, new TeleportOptions { Steps = 10 });
Console.WriteLine($"One teleport on a random batch of 200: {report}");
