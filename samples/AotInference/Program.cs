using System;
using AotInference;

// Fashion-MNIST inference with the paper's network, NativeAOT-compiled; see README.md and InferenceApp.
return InferenceApp.Run(args, Console.Out, Console.Error);
