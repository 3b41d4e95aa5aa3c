namespace Teleport.Records;

/// <summary>
/// A value in a history that no run writes, as a rule of <see cref="TeleportEventRules"/> finds it; each reader words the
/// error in its own terms around it (<c>teleport report</c>: <c>"place" is value, why: …</c>; a resume:
/// <c>trainer.json: has "place" value, why</c>).
/// </summary>
/// <param name="Place">Where, as a path into the file (<c>teleports[3].loss_after</c>, <c>teleport.epochs[0].teleports</c>).</param>
/// <param name="Value">The value as the file has it (<c>NaN</c>, <c>-1</c>, <c>"big"</c>).</param>
/// <param name="Why">Why no run writes it, naming the other places it contradicts.</param>
public sealed record RecordProblem(string Place, string Value, string Why);
