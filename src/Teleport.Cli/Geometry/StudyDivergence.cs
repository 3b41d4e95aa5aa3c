using System.Globalization;
using Teleport.Cli.Output;
using Teleport.Geometry.Experiments;

namespace Teleport.Cli.Geometry;

/// <summary>
/// The one line that says a run of <c>correlate</c> or <c>generalize</c> diverged — which run, its seed, the arm, where —
/// worded like <c>train</c>'s, and exit code 3: the study stops there and writes nothing, since its tables would hold
/// NaN or the numbers of weights that are no longer a trained network.
/// </summary>
internal static class StudyDivergence
{
    /// <param name="output">Where the line goes (standard error).</param>
    /// <param name="unit">"run" (correlate) or "seed" (generalize).</param>
    /// <param name="count">Runs or seeds in the study.</param>
    /// <param name="e">The divergence.</param>
    /// <param name="learningRate">The study's SGD learning rate.</param>
    public static int Report(ConsoleOutput output, string unit, int count, StudyRunDivergedException e, double learningRate)
    {
        var arm = e.Arm switch
        {
            null => "",
            GeneralizationStudy.Baseline => ", the baseline before the teleports",
            _ => $", the {e.Arm} arm",
        };
        output.Notice(string.Create(CultureInfo.InvariantCulture,
            $"training diverged in {unit} {e.Index + 1} of {count} (seed {e.Seed}{arm}): {e.Divergence} with sgd lr {learningRate:G4} (try a lower --lr); nothing was written"));
        return ExitCodes.Diverged;
    }
}
