using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Cli.Running;

namespace Teleport.Cli.Data;

/// <summary>Loads the data for a run's settings, after checking that the model fits the data set; meanwhile compiles the run's code (<see cref="JitWarmUp"/>).</summary>
internal static class DataRequest
{
    /// <exception cref="UsageException">The model does not fit the data set, or a data set needs --data.</exception>
    public static (ModelEntry Model, LoadedData Data) Load(RunSettings s, CliHost host, ConsoleOutput output)
    {
        var entry = ModelRegistry.Get(s.Model);
        if (DatasetCatalog.Mismatch(s.Dataset, entry) is { } problem) throw new UsageException(problem);
        // Compile the run's code on another thread while the data load (off the training clock).
        var warmUp = JitWarmUp.Start(entry, s);
        var data = DataLoader.Load(new DataLoader.Request(s.Dataset, s.DataDirectory, host.FashionMnistDirectory, s.SplitSeed, s.LimitTrain, s.LimitTest), entry);
        warmUp.Wait();
        data.Tell(output);
        return (entry, data);
    }
}
