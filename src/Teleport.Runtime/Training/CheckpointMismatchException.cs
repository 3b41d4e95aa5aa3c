using Teleport.Data;

namespace Teleport.Training;

/// <summary>
/// A checkpoint that belongs to another run: it was written with a different setting or other data than the
/// trainer resuming from it, so continuing would mix two runs (and a run record would claim settings its numbers
/// did not come from). <see cref="Field"/> names the setting — a <see cref="TrainerOptions.RunIdentity"/> key, or
/// one of the trainer's own: <c>batch_size</c>, <c>order</c>, <c>seed</c>, <c>epochs</c>, <c>optimizer</c>,
/// <c>optimizer_settings.&lt;name&gt;</c>, <c>parameter_count</c>, <c>training_data</c>, <c>test_data</c>.
/// </summary>
public sealed class CheckpointMismatchException : TeleportDataException
{
    /// <summary>Creates the exception for <paramref name="path"/> (the checkpoint's trainer.json).</summary>
    public CheckpointMismatchException(string path, string field, string saved, string current, string problem)
        : this(path, field, saved, current, problem, field)
    {
    }

    /// <summary>Creates the exception, with the setting's <paramref name="place"/> in trainer.json.</summary>
    public CheckpointMismatchException(string path, string field, string saved, string current, string problem, string place)
        : base(path, problem)
    {
        Field = field;
        Saved = saved;
        Current = current;
        Place = place;
    }

    /// <summary>The setting that differs.</summary>
    public string Field { get; }

    /// <summary>
    /// Where the saved value is in trainer.json: <c>run.identity.&lt;key&gt;</c> for a <see cref="TrainerOptions.RunIdentity"/>
    /// field, else the trainer's own (<c>run.batch_size</c>, <c>parameter_count</c>, <c>optimizer.settings.eps</c>, …). A caller
    /// whose identity fixes a trainer setting learns from it that the file contradicts itself (its identity matched).
    /// </summary>
    public string Place { get; }

    /// <summary>Its value in the checkpoint, as text (<see cref="NotRecorded"/> when the checkpoint does not have the field).</summary>
    public string Saved { get; }

    /// <summary><see cref="Saved"/> for a run-identity field the checkpoint does not record (written before the field was part of the identity).</summary>
    public const string NotRecorded = "(not recorded)";

    /// <summary>Its value in the resuming trainer, as text.</summary>
    public string Current { get; }
}
