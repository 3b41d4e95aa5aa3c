using System.CommandLine;
using Teleport.Cli.Data;
using Teleport.Cli.Models;
using Teleport.Cli.Options;

namespace Teleport.Cli.Commands;

/// <summary><c>teleport info --model NAME</c>: the network's derived description (layers, tensors, formulas, symmetries).</summary>
internal static class InfoCommand
{
    public static Command Create(CliHost host)
    {
        var model = CliOption.Choice("--model", "The network to describe: " + string.Join(", ", ModelRegistry.Names) + ".", "paper-mlp", ModelRegistry.Names);
        var command = new Command("info", "Describe a network: layers, parameter tensors, derived formulas and symmetries.") { model };
        command.SetAction(result => CommandErrors.Guard(host, () =>
        {
            var entry = ModelRegistry.Get(result.GetValue(model)!);
            host.Out.WriteLine($"{entry.Name}: {entry.Summary}");
            host.Out.Write(entry.Info.Describe());
            var fits = new System.Collections.Generic.List<string>();
            foreach (var name in DatasetCatalog.Names)
                if (DatasetCatalog.Fits(DatasetCatalog.Parse(name), entry)) fits.Add(name);
            host.Out.WriteLine($"Data sets: {string.Join(", ", fits)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
