using ApprovalTests;
using ApprovalTests.Reporters;
using ApprovalTests.Namers;
using ApprovalTests.Writers;

[assembly: UseReporter(typeof(QuietReporter))]

namespace Teleport.Generators.Tests;

/// <summary>
/// Whole-file snapshots of the generated source. A changed or missing snapshot fails; review the
/// *.received.cs file and rename it to *.approved.cs when the change is intended.
/// </summary>
[UseApprovalSubdirectory("Snapshots")]
public class SnapshotTests
{
    [Fact]
    public void PaperNetwork() => Verify(Networks.Paper);

    [Fact]
    public void RegressionWithBiasAndTanh() => Verify(Networks.Regression);

    [Fact]
    public void NestedCustomFormulaAndGelu() => Verify(Networks.Custom);

    [Fact]
    public void ConvolutionalNetworkWithBothPools() => Verify(Networks.PaperCnn);

    [Fact]
    public void RecurrentLstmRegressor() => Verify(Networks.Lstm);

    private static void Verify(string source)
    {
        var output = GeneratorHarness.Run(source).AssertCompilesCleanly();
        Approvals.Verify(new ApprovalTextWriter(output.SingleSource, "cs"));
    }
}
