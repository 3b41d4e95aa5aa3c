using Teleport;

namespace Teleport.Cli.Models;

/// <summary>
/// LSTM_local_update of the paper's LSTM(update) variants (Figure 6): two stacked nn.LSTMCell of 300 units reading the
/// 800 gradient entries of a 20×20 regression task, and a linear head writing the whole update (800 values).
/// </summary>
[Network(Inputs = 800, Loss = LossKind.MeanSquaredError)]
[Lstm(300)]
[Lstm(300)]
[Dense(800)]
public partial class MetaUpdater { }

/// <summary>
/// LSTM_tele of LSTM(update, tele): two stacked nn.LSTMCell of 300 units reading the 800 gradient entries and a linear
/// head writing T (400 values, the Lie-algebra element; its size is fixed by the normalisation).
/// </summary>
[Network(Inputs = 800, Loss = LossKind.MeanSquaredError)]
[Lstm(300)]
[Lstm(300)]
[Dense(400)]
public partial class MetaDirection { }

/// <summary>The meta-networks of each variant, initialised from one seed (PyTorch's initialisation), in double.</summary>
internal static class MetaNetworks
{
    public static Teleport.MetaLearning.MetaLearner Create(Teleport.MetaLearning.MetaVariant variant, Teleport.MetaLearning.MetaSettings settings, int seed)
    {
        if (!Teleport.MetaLearning.MetaVariants.LearnsUpdate(variant))
        {
            var network = new MetaTeleporter();
            network.InitializeParameters(seed);
            return new Teleport.MetaLearning.MetaLearner(variant, settings, network.ToFloat64());
        }
        var updater = new MetaUpdater();
        updater.InitializeParameters(seed);
        IRecurrentModel<double>? teleporter = null;
        if (variant == Teleport.MetaLearning.MetaVariant.LearnedUpdateTeleport)
        {
            var direction = new MetaDirection();
            direction.InitializeParameters(seed + 1);
            teleporter = direction.ToFloat64();
        }
        return new Teleport.MetaLearning.MetaLearner(variant, settings, updater.ToFloat64(), teleporter);
    }
}
