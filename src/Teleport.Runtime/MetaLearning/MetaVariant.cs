namespace Teleport.MetaLearning;

/// <summary>The four learned optimisers of the paper's Figure 6 (research notes B2–B4).</summary>
public enum MetaVariant
{
    /// <summary>LSTM(lr, tele): one network (H 20) outputs T and the next step size; GD steps, then a teleport.</summary>
    LearnedRateTeleport,

    /// <summary>LSTM(lr): the control arm of LSTM(lr, tele) — the same network and schedule, no teleport.</summary>
    LearnedRate,

    /// <summary>LSTM(update): one network (H 300) outputs the whole update.</summary>
    LearnedUpdate,

    /// <summary>LSTM(update, tele): the update network and a teleport network (H 300 each), meta-trained with their own learning rates.</summary>
    LearnedUpdateTeleport,
}

/// <summary>Names and the paper's schedules of the variants.</summary>
public static class MetaVariants
{
    /// <summary>The key used on the command line and in saved files.</summary>
    public static string Key(this MetaVariant variant) => variant switch
    {
        MetaVariant.LearnedRateTeleport => "lr-tele",
        MetaVariant.LearnedRate => "lr",
        MetaVariant.LearnedUpdate => "update",
        _ => "update-tele",
    };

    /// <summary>The paper's name.</summary>
    public static string Title(this MetaVariant variant) => variant switch
    {
        MetaVariant.LearnedRateTeleport => "LSTM(lr, tele)",
        MetaVariant.LearnedRate => "LSTM(lr)",
        MetaVariant.LearnedUpdate => "LSTM(update)",
        _ => "LSTM(update, tele)",
    };

    public static bool TryParse(string key, out MetaVariant variant)
    {
        foreach (var v in new[] { MetaVariant.LearnedRateTeleport, MetaVariant.LearnedRate, MetaVariant.LearnedUpdate, MetaVariant.LearnedUpdateTeleport })
            if (v.Key() == key)
            {
                variant = v;
                return true;
            }
        variant = default;
        return false;
    }

    /// <summary>Whether the variant teleports every step.</summary>
    public static bool Teleports(this MetaVariant variant) => variant is MetaVariant.LearnedRateTeleport or MetaVariant.LearnedUpdateTeleport;

    /// <summary>Whether the meta-network outputs the whole update (H 300) rather than a step size (H 20).</summary>
    public static bool LearnsUpdate(this MetaVariant variant) => variant is MetaVariant.LearnedUpdate or MetaVariant.LearnedUpdateTeleport;

    /// <summary>
    /// The paper's schedule (notes B4): LSTM(lr[, tele]) 30 trajectories × 300 steps, Adam 1e-4, tested over 300 steps;
    /// LSTM(update) 600 × 100 and LSTM(update, tele) 700 × 100, Adam 1e-3 for the update network and 1e-4 for the
    /// teleport network, tested over 100 steps; 5 test tasks.
    /// </summary>
    public static MetaProtocol Protocol(this MetaVariant variant) => variant switch
    {
        MetaVariant.LearnedUpdate => new MetaProtocol { TrainTasks = 600, Steps = 100, MetaLearningRate = 1e-3 },
        MetaVariant.LearnedUpdateTeleport => new MetaProtocol { TrainTasks = 700, Steps = 100, MetaLearningRate = 1e-3, TeleportLearningRate = 1e-4 },
        _ => new MetaProtocol(),
    };
}
