namespace Teleport.Cli.Tests;

/// <summary>Arguments that keep a run to a fraction of a second: the synthetic task, 300 training and 100 test samples.</summary>
internal static class Small
{
    public static readonly string[] Synthetic = ["--dataset", "synthetic", "--limit-train", "300", "--limit-test", "100"];

    /// <summary>A few teleports of every kind of trigger, with a look-ahead.</summary>
    public static readonly string[] Teleports =
        ["--teleport-epochs", "1", "--teleport-count", "2", "--teleport-every", "7", "--teleport-batch", "60", "--teleport-lookahead", "2", "--teleport-lr", "0.5"];

    /// <summary><paramref name="command"/> followed by the parts' arguments.</summary>
    public static string[] Args(string command, params string[][] parts)
    {
        var all = new System.Collections.Generic.List<string> { command };
        foreach (var part in parts) all.AddRange(part);
        return [.. all];
    }
}
