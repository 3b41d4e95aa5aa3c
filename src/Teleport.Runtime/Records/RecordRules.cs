using System.Collections.Generic;

namespace Teleport.Records;

/// <summary>
/// Rules every history a trainer writes keeps, whoever reads it back: <c>teleport report</c> checks a run record with
/// them, and a resume checks the history stored in a checkpoint's <c>trainer.json</c>. One definition, so the two never
/// disagree about what a run writes.
/// </summary>
public static class RecordRules
{
    /// <summary>What a <see cref="EpochRecord.TestAccuracy"/> outside <see cref="IsFraction"/> is not.</summary>
    public const string NotAFraction = "not a fraction in [0, 1]";

    /// <summary>
    /// An accuracy is the share of test samples whose first largest output is the label: a count over a count, so in
    /// [0, 1] — even for a run whose outputs became NaN (no sample then counts). NaN is not one.
    /// </summary>
    public static bool IsFraction(double value) => value is >= 0 and <= 1;

    /// <summary>
    /// The index of the first epoch record that is not epoch index + 1, or null: the trainer adds one record at the end of
    /// each epoch, in order, and a diverged epoch ends the run unrecorded, so a history holds epochs 1, 2, …, n.
    /// </summary>
    public static int? FirstMisnumberedEpoch(IReadOnlyList<EpochRecord> epochs)
    {
        System.ArgumentNullException.ThrowIfNull(epochs);
        for (var i = 0; i < epochs.Count; i++)
            if (epochs[i].Epoch != i + 1) return i;
        return null;
    }
}
