using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace Teleport.Testing;

/// <summary>
/// A checkpoint folder's SHA256SUMS as <c>sha256sum</c> writes it, computed here without the runtime: the expected content,
/// and the rewrite a user makes to resume a deliberate edit (<c>sha256sum model.safetensors optimizer.safetensors
/// trainer.json &gt; SHA256SUMS</c>). Tests that edit a checkpoint to reach a check other than the digests reseal it so.
/// </summary>
internal static class CheckpointSumsFile
{
    /// <summary>The file's name (the runtime's <c>Checkpoints.SumsFileName</c>, spelled out: this helper stands apart from it).</summary>
    public const string Name = "SHA256SUMS";

    /// <summary>One <c>&lt;hex&gt;  &lt;name&gt;</c> line for every other file in <paramref name="checkpoint"/>, by name in ordinal order.</summary>
    public static string Expected(string checkpoint) => string.Concat(
        Directory.GetFiles(checkpoint).Select(path => Path.GetFileName(path)).Where(name => name != Name)
            .Order(StringComparer.Ordinal)
            .Select(name => $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(checkpoint, name))))}  {name}\n"));

    /// <summary>Rewrites the SHA256SUMS of <paramref name="checkpoint"/> to match its files as they are now.</summary>
    public static void Reseal(string checkpoint) => File.WriteAllText(Path.Combine(checkpoint, Name), Expected(checkpoint));
}
