using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Teleport.Package.Tests.Infrastructure;

namespace Teleport.Package.Tests.Packaging;

/// <summary>
/// Fresh projects that know Teleport only as the package: one declares a network, trains it a few
/// steps by hand and teleports it; one declares two bad networks and must fail to build with the
/// generator's diagnostics. Any failure prints the whole build or run output.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerTests(PackedPackage package)
{
    private const string TrainingProgram = """
        using System;
        using System.Globalization;
        using Teleport;
        using Teleport.Teleportation;

        var c = CultureInfo.InvariantCulture;
        var model = new Tiny();
        model.InitializeParameters(seed: 3);
        var random = new Random(3);
        const int batch = 16;
        var inputs = new float[batch * Tiny.InputSize];
        var labels = new int[batch];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble();
        for (var i = 0; i < labels.Length; i++) labels[i] = random.Next(Tiny.OutputSize);

        // A few steps of plain SGD written by hand on the generated gradient.
        var gradient = new float[Tiny.ParameterCount];
        for (var step = 0; step < 5; step++)
        {
            var loss = model.LossAndGradient(inputs, labels, gradient);
            Console.WriteLine(string.Create(c, $"loss {step} {loss:R}"));
            var p = model.Parameters;
            for (var i = 0; i < p.Length; i++) p[i] -= 0.5f * gradient[i];
        }

        var report = model.Teleport(inputs, labels, new TeleportOptions { Steps = 5 });
        Console.WriteLine(string.Create(c, $"teleport {report.LossBefore:R} {report.LossAfter:R} {report.GradNormSquaredBefore:R} {report.GradNormSquaredAfter:R} {report.StepsTaken}"));
        Console.WriteLine(report);

        [Network(Inputs = 8, Loss = LossKind.SoftmaxCrossEntropy)]
        [Dense(6, Activation = "leaky_relu(0.1)", Bias = false)]
        [Dense(3)]
        public partial class Tiny { }
        """;

    private const string BadProgram = """
        using Teleport;

        System.Console.WriteLine("never built");

        [Network(Inputs = 8)]
        [Dense(3)]
        public class NotPartial { }

        [Network(Inputs = 8)]
        [Dense(6, Activation = "tanh(x) $ 2")]
        [Dense(3)]
        public partial class BadFormula { }
        """;

    [Fact]
    public void ConsumerOfThePackageTrainsAndTeleportsItsOwnNetwork()
    {
        var consumer = NewConsumer("good", TrainingProgram);
        var build = consumer.Build();
        Assert.True(build.Succeeded, "The consumer of the package did not build:\n" + build.Describe());
        // Restored from the local feed into this project's own packages folder, not from any cache.
        Assert.True(Directory.Exists(Path.Combine(consumer.PackagesFolder, "teleport", package.Version!)), build.Describe());

        var run = consumer.Run();
        Assert.True(run.Succeeded, "The consumer did not run cleanly:\n" + run.Describe());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var losses = lines.Where(l => l.StartsWith("loss ", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(losses.Length == 5, run.Describe());
        Assert.True(losses.All(double.IsFinite) && losses[^1] < losses[0], "SGD on the generated gradient did not lower the loss:\n" + run.Describe());

        var teleport = lines.Single(l => l.StartsWith("teleport ", StringComparison.Ordinal) && !l.Contains('‖')).Split(' ');
        var (lossBefore, lossAfter) = (Parse(teleport[1]), Parse(teleport[2]));
        var (gradBefore, gradAfter) = (Parse(teleport[3]), Parse(teleport[4]));
        Assert.True(int.Parse(teleport[5], CultureInfo.InvariantCulture) >= 1, run.Describe());
        Assert.True(gradAfter > gradBefore, "The teleport did not raise ‖∇L‖²:\n" + run.Describe());
        Assert.True(Math.Abs(lossAfter - lossBefore) <= 1e-4 * Math.Max(1, Math.Abs(lossBefore)), "The teleport moved the loss:\n" + run.Describe());
        Assert.Contains(lines, l => l.Contains("‖∇L‖²", StringComparison.Ordinal));
    }

    [Fact]
    public void BadDeclarationsFailTheConsumersBuildWithTheirDiagnosticIds()
    {
        var consumer = NewConsumer("bad", BadProgram);
        var build = consumer.Build();
        Assert.False(build.Succeeded, "A non-partial network and a bad formula built without errors:\n" + build.Describe());
        Assert.True(build.Output.Contains("error TP0001", StringComparison.Ordinal), build.Describe());
        Assert.True(build.Output.Contains("error TP0005", StringComparison.Ordinal), build.Describe());
        Assert.True(build.Output.Contains("docs/diagnostics/TP0001.md", StringComparison.Ordinal), build.Describe());
        // Only the generator's errors: nothing else broke (no CS errors, no generator crash CS8785).
        var errors = build.Output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.All(l => l.Contains("error TP0001", StringComparison.Ordinal) || l.Contains("error TP0005", StringComparison.Ordinal)), build.Describe());
    }

    [Fact]
    public void AVeryLongNetworkNameBuildsWithEmitCompilerGeneratedFiles()
    {
        // The compiler writes each generated file under its hint name: Demo.<400 characters>.Teleport.g.cs passed the
        // 255-byte limit on a file name and the build failed with CS0016. The generator shortens such hint names.
        var name = "Net" + new string('x', 397);
        var program = "System.Console.WriteLine(" + name + ".ParameterCount);\n\n"
            + "[Teleport.Network(Inputs = 4)]\n[Teleport.Dense(2)]\npublic partial class " + name + " { }\n";
        var consumer = NewConsumer("long-name", program, "<EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>");
        var build = consumer.Build();
        Assert.True(build.Succeeded, "A network with a 400-character name did not build with EmitCompilerGeneratedFiles:\n" + build.Describe());
        var written = Directory.GetFiles(Path.Combine(consumer.Folder, "obj"), "*.Teleport.g.cs", SearchOption.AllDirectories);
        Assert.True(written.Length == 1 && Path.GetFileName(written[0]).StartsWith("Netxxx", StringComparison.Ordinal), build.Describe());
        var run = consumer.Run();
        Assert.True(run.Succeeded && run.Output.Trim() == "10", run.Describe());
    }

    private ConsumerProject NewConsumer(string name, string program, string properties = "")
    {
        package.RequirePacked();
        var folder = package.NewWorkFolder(name);
        var sources = NuGetSources.Discover(package.FeedDirectory, folder);
        return new ConsumerProject(folder, sources, package.Version!, program, properties);
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
