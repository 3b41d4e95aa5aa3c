using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Teleport.Integration.Tests;

/// <summary>The PyTorch reference files under Fixtures/ (made by the make_*.py scripts beside them), and their arrays.</summary>
internal static class TorchFixtures
{
    /// <summary>The full path of fixture <paramref name="file"/> in the test output.</summary>
    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", file);

    /// <summary>Fixture <paramref name="file"/>, parsed.</summary>
    public static JsonDocument Open(string file) => JsonDocument.Parse(File.ReadAllText(Path(file)));

    /// <summary>The numbers of the array <paramref name="key"/> of <paramref name="element"/>.</summary>
    public static double[] Doubles(JsonElement element, string key) => Doubles(element.GetProperty(key));

    /// <summary>The numbers of the array <paramref name="array"/>.</summary>
    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();
}
