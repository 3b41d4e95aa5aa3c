using System;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;

namespace Teleport.Cli.Tests;

/// <summary>
/// <c>meta-test</c> refuses a meta-network file whose metadata contradicts its contents. The bad-input sweep relabelled
/// an lr file as lr-tele (the two share every tensor) and it was tested as LSTM(lr, tele), exit 0. LSTM(lr) leaves the
/// T rows of its output layer at their initialisation from the file's seed; LSTM(lr, tele) trains them.
/// </summary>
public sealed class MetaFileVariantTests
{
    /// <summary>Rewrites <paramref name="path"/>'s metadata key <paramref name="key"/> (null: removes it) into <paramref name="to"/>.</summary>
    private static void EditMetadata(string path, string key, string? value, string to)
    {
        var bytes = File.ReadAllBytes(path);
        var length = (int)BitConverter.ToInt64(bytes, 0);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, length))!.AsObject();
        var metadata = header["__metadata__"]!.AsObject();
        if (value is null) metadata.Remove(key);
        else metadata[key] = value;
        var text = header.ToJsonString();
        text += new string(' ', (8 - Encoding.UTF8.GetByteCount(text) % 8) % 8);
        var json = Encoding.UTF8.GetBytes(text);
        using var stream = File.Create(to);
        stream.Write(BitConverter.GetBytes((long)json.Length));
        stream.Write(json);
        stream.Write(bytes, 8 + length, bytes.Length - 8 - length);
    }

    private static CliRun Test(string path) => CliRun.Of("meta-test", "--meta", path, "--test-tasks", "1", "--steps", "5");

    private static string Refused(string path)
    {
        var run = Test(path);
        Assert.Equal(ExitCodes.DataError, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var prefix = $"teleport: {Path.GetFileName(path)}: ";
        Assert.StartsWith(prefix, line, StringComparison.Ordinal);
        return line[prefix.Length..];
    }

    [Fact]
    public void ARelabelledLrOrLrTeleFileIsRefusedNamingTheVariantAndTheWrittenOnesAreTested()
    {
        using var dir = new TempFolder();
        string lr = dir.File("lr.safetensors"), tele = dir.File("tele.safetensors");
        CliRun.Of("meta-train", "--variant", "lr", "--train-tasks", "1", "--steps", "10", "--seed", "4", "--out", lr).Succeeded();
        CliRun.Of("meta-train", "--variant", "lr-tele", "--train-tasks", "1", "--steps", "10", "--seed", "4", "--out", tele).Succeeded();
        // The files as written are tested, each as its variant.
        Assert.Contains("LSTM(lr) [lr]", Test(lr).Succeeded().Out, StringComparison.Ordinal);
        Assert.Contains("LSTM(lr, tele) [tele]", Test(tele).Succeeded().Out, StringComparison.Ordinal);

        const string head = "the teleport head (rows 0–399 of meta.fc2.weight and meta.fc2.bias, which write T)";
        EditMetadata(lr, "variant", "lr-tele", dir.File("lr-as-tele.safetensors"));
        Assert.Equal($"\"variant\" in the metadata is lr-tele, but {head} is its initialisation from seed 4, bit for bit: meta-training LSTM(lr, tele) trains it, LSTM(lr) leaves it (an lr file relabelled lr-tele?)",
            Refused(dir.File("lr-as-tele.safetensors")));
        EditMetadata(tele, "variant", "lr", dir.File("tele-as-lr.safetensors"));
        Assert.Equal($"\"variant\" in the metadata is lr, but {head} differs from its initialisation from seed 4: LSTM(lr) never teleports, so meta-training leaves it there (an lr-tele file relabelled lr, or an edited \"seed\"?)",
            Refused(dir.File("tele-as-lr.safetensors")));
        // The seed the check rests on: edited, missing or not a number.
        EditMetadata(lr, "seed", "5", dir.File("lr-seed.safetensors"));
        Assert.StartsWith($"\"variant\" in the metadata is lr, but {head} differs from its initialisation from seed 5", Refused(dir.File("lr-seed.safetensors")), StringComparison.Ordinal);
        EditMetadata(lr, "seed", null, dir.File("lr-no-seed.safetensors"));
        Assert.Equal("no \"seed\" in the metadata: meta-train writes the seed of the networks' initialisation, which tells an lr file from an lr-tele one", Refused(dir.File("lr-no-seed.safetensors")));
        EditMetadata(lr, "seed", "four", dir.File("lr-seed-text.safetensors"));
        Assert.Equal("\"seed\" in the metadata is \"four\", not an integer", Refused(dir.File("lr-seed-text.safetensors")));
        // A teleport form on a learner that does not teleport (meta-train refuses --form for it).
        EditMetadata(lr, "form", "exact", dir.File("lr-exact.safetensors"));
        Assert.Equal("\"form\" in the metadata is exact, but the variant lr does not teleport (meta-train writes lie for it)", Refused(dir.File("lr-exact.safetensors")));
        // The header rewrite itself keeps a file valid: the same metadata rewritten is tested.
        EditMetadata(lr, "variant", "lr", dir.File("lr-rewritten.safetensors"));
        Test(dir.File("lr-rewritten.safetensors")).Succeeded();
    }

    [Fact]
    public void ARelabelledUpdateOrUpdateTeleFileIsRefusedByItsTensors()
    {
        // The update variants need no seed check: LSTM(update, tele) holds a second network (tele.*) that LSTM(update) has not.
        using var dir = new TempFolder();
        string update = dir.File("u.safetensors"), tele = dir.File("ut.safetensors");
        CliRun.Of("meta-train", "--variant", "update", "--train-tasks", "1", "--steps", "10", "--out", update).Succeeded();
        CliRun.Of("meta-train", "--variant", "update-tele", "--train-tasks", "1", "--steps", "10", "--out", tele).Succeeded();
        EditMetadata(update, "variant", "update-tele", dir.File("u-as-tele.safetensors"));
        Assert.Contains("tele.", Refused(dir.File("u-as-tele.safetensors")), StringComparison.Ordinal);
        EditMetadata(tele, "variant", "update", dir.File("ut-as-update.safetensors"));
        Assert.StartsWith("tensor \"tele.", Refused(dir.File("ut-as-update.safetensors")), StringComparison.Ordinal);
        EditMetadata(update, "variant", "lr", dir.File("u-as-lr.safetensors"));
        Assert.Contains("meta.", Refused(dir.File("u-as-lr.safetensors")), StringComparison.Ordinal);
    }
}
