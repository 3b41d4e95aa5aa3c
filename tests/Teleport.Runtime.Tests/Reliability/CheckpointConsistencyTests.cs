using System.IO;
using System.Linq;
using Teleport.Runtime.Tests.Data;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// A checkpoint whose files come from two checkpoints of one run (the bad-input sweep copied model.safetensors or
/// trainer.json from an earlier folder): the resume went on silently to other numbers. The folder's step must now be the
/// state's, and each tensor file must have the SHA-256 its trainer.json records (SHA256SUMS, checked after these, covers
/// trainer.json too: <see cref="CheckpointSumsTests"/>).
/// </summary>
public sealed class CheckpointConsistencyTests
{
    [Theory]
    [InlineData(Checkpoints.ModelFileName)]
    [InlineData(Checkpoints.OptimizerFileName)]
    public void ATensorFileFromAnotherCheckpointIsRefused(string file)
    {
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var earlier = Checkpoints.List(dir.Path).First(f => f != latest);
        File.Copy(Path.Combine(earlier, file), Path.Combine(latest, file), overwrite: true);
        CorruptFileTests.AssertResumeRefused(data, options, file,
            $"the files of {Path.GetFileName(latest)} were not written together (copied from another checkpoint, or edited)");
    }

    [Fact]
    public void AStateFromAnotherCheckpointIsRefused()
    {
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var earlier = Checkpoints.List(dir.Path).First(f => f != latest);
        File.Copy(Path.Combine(earlier, Checkpoints.StateFileName), Path.Combine(latest, Checkpoints.StateFileName), overwrite: true);
        CorruptFileTests.AssertResumeRefused(data, options, Checkpoints.StateFileName,
            $"is at step 5, but its folder {Path.GetFileName(latest)} is the checkpoint of step 7: the file comes from another checkpoint");
    }

    [Fact]
    public void ACheckpointWrittenBeforeTheDigestsStillResumes()
    {
        // Version 2 checkpoints of 2026-12-05/06 were written without files_sha256 (and, like version 3, without SHA256SUMS).
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        File.Delete(Path.Combine(latest, Checkpoints.SumsFileName));
        var state = Path.Combine(latest, Checkpoints.StateFileName);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(state))!.AsObject();
        Assert.True(json.Remove("files_sha256"));
        json["version"] = 2;
        File.WriteAllText(state, json.ToJsonString());
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void ACheckpointOfAVersionWithDigestsWithoutThemIsRefused(int version)
    {
        // The sweep removed files_sha256 and the check of the tensor files was skipped silently; every version 3 file has it,
        // and every version 4 file (the one written now, beside its SHA256SUMS, which version 3 lacks).
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var state = Path.Combine(latest, Checkpoints.StateFileName);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(state))!.AsObject();
        Assert.Equal(4, (int)json["version"]!);
        json["version"] = version;
        if (version == 3) File.Delete(Path.Combine(latest, Checkpoints.SumsFileName));
        Assert.True(json.Remove("files_sha256"));
        File.WriteAllText(state, json.ToJsonString());
        CorruptFileTests.AssertResumeRefused(data, options, Checkpoints.StateFileName,
            $"\"files_sha256\" is missing, but every version {version} checkpoint records the SHA-256 of its tensor files there");
    }

    [Fact]
    public void TheDigestsAreThoseOfTheFilesWritten()
    {
        using var dir = new TempDirectory();
        var (_, _, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(latest, Checkpoints.StateFileName)))!;
        foreach (var file in (string[])[Checkpoints.ModelFileName, Checkpoints.OptimizerFileName])
            Assert.Equal(System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(latest, file)))),
                (string)json["files_sha256"]![file]!);
    }
}
