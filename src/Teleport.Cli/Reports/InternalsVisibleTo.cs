using System.Runtime.CompilerServices;

// The report tests also drive ReportFolder directly, to fail a write half-way and check that nothing is left behind.
[assembly: InternalsVisibleTo("Teleport.Cli.Tests")]
