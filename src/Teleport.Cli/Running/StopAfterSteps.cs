using Teleport.Training;

namespace Teleport.Cli.Running;

/// <summary>Stops the run once <paramref name="steps"/> optimizer steps have been taken (as Ctrl+C would: with a checkpoint if configured).</summary>
internal sealed class StopAfterSteps(long steps) : ITrainingObserver
{
    public void OnBatchEnd(TrainingContext context)
    {
        if (context.GlobalStep >= steps) context.RequestStop();
    }
}
