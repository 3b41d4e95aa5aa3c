namespace Teleport.Benchmarks.Kernels;

/// <summary>One matrix product to time: kind (NN, NT, TN) and C[m×n] with inner dimension k.</summary>
public sealed record GemmShape(string Kind, int M, int K, int N, string Note)
{
    public double Flops => 2.0 * M * K * N;

    public override string ToString() => $"{Kind} {M}x{K}x{N}";

    /// <summary>Square products 64³ … 1024³ (NN), and NT and TN at 512³.</summary>
    public static GemmShape[] Square { get; } =
    [
        new("NN", 64, 64, 64, "square"),
        new("NN", 128, 128, 128, "square"),
        new("NN", 256, 256, 256, "square"),
        new("NN", 512, 512, 512, "square"),
        new("NT", 512, 512, 512, "square"),
        new("TN", 512, 512, 512, "square"),
        new("NN", 1024, 1024, 1024, "square"),
    ];

    /// <summary>Every product of one training step of the wide 784-512-512-10 net at batch 128 (forward NT, dW TN, dh NN).</summary>
    public static GemmShape[] Wide { get; } =
    [
        new("NT", 128, 784, 512, "wide fwd layer 0"),
        new("NT", 128, 512, 512, "wide fwd layer 1"),
        new("NT", 128, 512, 10, "wide fwd layer 2"),
        new("TN", 512, 128, 784, "wide dW0"),
        new("TN", 512, 128, 512, "wide dW1"),
        new("TN", 10, 128, 512, "wide dW2"),
        new("NN", 128, 512, 512, "wide dh1"),
        new("NN", 128, 10, 512, "wide dh2"),
    ];

    /// <summary>The shapes the quick timer covers: 512³, 1024³, the paper's 784-16-10-10 net at batch 20, the wide 784-512-512-10 net at batch 128.</summary>
    public static GemmShape[] All { get; } =
    [
        new("NN", 512, 512, 512, "square"),
        new("NT", 512, 512, 512, "square"),
        new("TN", 512, 512, 512, "square"),
        new("NN", 1024, 1024, 1024, "square"),
        new("NT", 20, 784, 16, "paper fwd layer 0"),
        new("NT", 20, 16, 10, "paper fwd layer 1"),
        new("NT", 20, 10, 10, "paper fwd layer 2"),
        new("TN", 16, 20, 784, "paper dW0"),
        new("TN", 10, 20, 16, "paper dW1"),
        new("NN", 20, 10, 16, "paper dh0"),
        new("NN", 20, 10, 10, "paper dh1"),
        new("NN", 1, 1, 1, "call overhead"),
        new("NT", 128, 784, 512, "wide fwd layer 0"),
        new("NT", 128, 512, 512, "wide fwd layer 1"),
        new("TN", 512, 128, 784, "wide dW0"),
        new("TN", 512, 128, 512, "wide dW1"),
        new("NN", 128, 512, 512, "wide dh1"),
        new("NT", 128, 512, 10, "wide fwd layer 2"),
        new("TN", 10, 128, 512, "wide dW2"),
        new("NN", 128, 10, 512, "wide dh2"),
    ];
}
