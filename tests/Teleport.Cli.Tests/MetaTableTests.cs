using System.IO;
using Teleport.Cli.Output;
using Teleport.MetaLearning;

namespace Teleport.Cli.Tests;

/// <summary>
/// A learned optimizer that blows up on a test task (the bad-input sweep: one meta-trained on U[0, 1) tasks, tested on the
/// Gaussian family) is said to have diverged, from which step and on how many tasks; the table printed NaN ± 0 and the
/// summary line "mean |ΔL| per teleport NaN, mean step size NaN".
/// </summary>
public sealed class MetaTableTests
{
    [Fact]
    public void ADivergedLearnerIsSaidToHaveDivergedNotPrintedAsNaN()
    {
        double[][] Rows(params double[][] rows) => rows;
        var gd = new ArmResult("GD", Rows([4, 3, 2, 1], [4, 3, 2, 1]), Rows([1, 1, 1, 1], [1, 1, 1, 1]), Rows([0, 0, 0, 0], [0, 0, 0, 0]), [], Rows([0, 0, 0, 0], [0, 0, 0, 0]));
        var learner = new ArmResult("LSTM(lr, tele)", Rows([4, 9, 1e300, double.NaN], [4, 2, 1, 0.5]),
            Rows([0.1, 0.3, double.PositiveInfinity, double.NaN], [0.1, 0.1, 0.1, 0.1]), Rows([0.5, -0.5, double.NaN, double.NaN], [1, 1, 1, 1]), [2.0], Rows([0, 0, 0, 0], [0, 0, 0, 0])) { Teleports = true };
        var text = new StringWriter();
        MetaTable.Write(text, [gd, learner], 4);
        var lines = text.ToString().Split('\n');

        Assert.DoesNotContain("NaN", text.ToString());
        Assert.Matches(@"^\s+3\s+1 ± 0\s+diverged\s*$", lines[^4]);
        Assert.Matches(@"^\s+2\s+2 ± 0\s+5E\+299 ± 7\.07E\+299\s*$", lines[^5]); // its square overflowed: "± Infinity"
        Assert.Equal("LSTM(lr, tele): diverged on 1 of 2 test tasks: the test loss is not finite from step 3 on (the JSON holds null there).", lines[^3]);
        Assert.Equal("LSTM(lr, tele): mean |ΔL| per teleport 0.833, mean step size 0.133 (over the 6 of 8 steps whose values are finite).", lines[^2]);
    }

    [Fact]
    public void ALearnerThatDoesNotTeleportHasNoTeleportLossChange()
    {
        // LSTM(lr) printed "mean |ΔL| per teleport 0": an average over teleports it never makes.
        double[][] Rows(params double[][] rows) => rows;
        var learner = new ArmResult("LSTM(lr)", Rows([4, 3]), Rows([0.25, 0.75]), Rows([0, 0]), [2.0], Rows([0, 0]));
        var text = new StringWriter();
        MetaTable.Write(text, [learner], 2);
        var lines = text.ToString().Split('\n');
        Assert.Equal("LSTM(lr): mean step size 0.5; it does not teleport.", lines[^2]);
        Assert.DoesNotContain("per teleport", text.ToString());
    }
}
