namespace Teleport.Generators.Tests;

/// <summary>Representative network declarations used by the snapshot and incremental tests.</summary>
internal static class Networks
{
    public const string Paper = """
        using Teleport;

        namespace Demo;

        [Network(Inputs = 784, Loss = LossKind.SoftmaxCrossEntropy)]
        [Dense(16, Activation = "leaky_relu(0.1)", Bias = false)]
        [Dense(10, Activation = "leaky_relu(0.1)", Bias = false)]
        [Dense(10, Bias = false)]
        public partial class FashionMlp { }
        """;

    public const string Regression = """
        using Teleport;

        namespace Demo.Regression;

        [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
        [Dense(5, Activation = "tanh")]
        [Dense(3)]
        internal partial class TanhRegressor { }
        """;

    public const string Custom = """
        using Teleport;

        namespace Demo;

        public static partial class Models
        {
            [Network(Inputs = 6)]
            [Dense(8, Activation = "x / (1 + abs(x))")]
            [Dense(7, Activation = "gelu")]
            [Dense(3)]
            public partial class SoftsignGelu { }
        }
        """;

    public const string PaperCnn = """
        using Teleport;

        namespace Demo;

        [Network(Inputs = 784, InputShape = new[] { 1, 28, 28 }, Loss = LossKind.SoftmaxCrossEntropy)]
        [Conv2d(16, Kernel = 3, Padding = 1, Activation = "relu")]
        [MaxPool2d(2)]
        [Conv2d(32, Kernel = 3, Padding = 1, Activation = "relu")]
        [AvgPool2d(2)]
        [Dense(10)]
        public partial class FashionCnn { }
        """;

    /// <summary>A one-cell LSTM with a linear head, MSE over sequences (PyTorch nn.LSTMCell + nn.Linear).</summary>
    public const string Lstm = """
        using Teleport;
        namespace Demo;
        [Network(Inputs = 3, Loss = LossKind.MeanSquaredError)]
        [Lstm(4)]
        [Dense(2)]
        public partial class SequenceRegressor { }
        """;
}
