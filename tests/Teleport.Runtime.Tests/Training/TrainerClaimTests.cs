using System;
using System.IO;
using System.Threading;
using Teleport.Runtime.Tests.Data;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// One trainer does one <see cref="Trainer.Run"/>, <see cref="Trainer.Resume"/> or <see cref="Trainer.SaveCheckpoint"/>
/// at a time, also when two threads call it at once: the claim is atomic, so one call runs and the other is refused.
/// </summary>
public sealed class TrainerClaimTests
{
    /// <summary>
    /// Many pairs of threads released together into <see cref="Trainer.Run"/> of one fresh trainer each. The run that gets in
    /// holds its <c>OnTrainingStart</c> until the other call has ended (refused) — or until the other run is inside too,
    /// which a check-then-set flag allowed: both then trained the one model at once. Exactly one call of every pair is
    /// refused, and the trainer took one epoch's steps.
    /// </summary>
    [Fact]
    public void RunCalledFromTwoThreadsAtOnceRunsOnceAndRefusesTheOther()
    {
        var data = TrainingTestData.SmallClassification(40, 10);
        using var folder = new TempDirectory();
        // a checkpoint folder: Run checks it before training, as a user's run does
        var checkpoints = Path.Combine(folder.Path, "a", "b", "checkpoints");
        for (var pair = 0; pair < 300; pair++)
        {
            var model = new SoftmaxRegression(20, 4).Initialize(pair);
            var gate = new HoldStart();
            var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, null,
                new TrainerOptions { Epochs = 1, BatchSize = 10, Seed = 1, LoadBatchesAhead = false, CheckpointDirectory = checkpoints, CheckpointAtEpochEnd = false }, [gate]);
            using var barrier = new Barrier(2);
            var refused = 0;
            var completed = 0;
            Exception? unexpected = null;
            void Race()
            {
                barrier.SignalAndWait();
                try
                {
                    if (trainer.Run() == TrainingStatus.Completed) Interlocked.Increment(ref completed);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    unexpected = e;
                }
                finally
                {
                    gate.CallEnded();
                }
            }
            var first = new Thread(Race);
            var second = new Thread(Race);
            first.Start();
            second.Start();
            first.Join();
            second.Join();
            Assert.Null(unexpected);
            Assert.True(refused == 1 && completed == 1, $"pair {pair}: {completed} runs completed, {refused} refused (two runs were inside at once: {gate.MostInside})");
            Assert.Equal(trainer.BatchesPerEpoch, trainer.GlobalStep);
        }
    }

    /// <summary>
    /// A <see cref="Trainer.Run"/> from another thread while <see cref="Trainer.SaveCheckpoint"/> writes, or while
    /// <see cref="Trainer.Resume"/> restores, is refused (it trained on under the checkpoint being written, and under the
    /// parameters being restored); each is seen from inside, from a callback's state, so the timing is fixed.
    /// </summary>
    [Fact]
    public void RunFromAnotherThreadDuringSaveCheckpointOrResumeIsRefused()
    {
        var data = TrainingTestData.SmallClassification(40, 10);
        using var folder = new TempDirectory();
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var state = new RunFromInside();
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, null,
            new TrainerOptions { Epochs = 1, BatchSize = 10, Seed = 1, LoadBatchesAhead = false, CheckpointDirectory = folder.Path }, [state]);
        state.Trainer = trainer;
        var saved = trainer.SaveCheckpoint();
        Assert.IsType<InvalidOperationException>(state.TakeError());
        trainer.Resume(saved);
        Assert.IsType<InvalidOperationException>(state.TakeError());
        Assert.Equal(0, trainer.GlobalStep);
        // free again once they have ended
        Assert.Equal(TrainingStatus.Completed, trainer.Run());
    }

    /// <summary>
    /// Two trainers of one process given one checkpoint directory: while the first runs, the second's <see cref="Trainer.Run"/>
    /// and <see cref="Trainer.SaveCheckpoint"/> are refused before they write (they trained on and checkpointed into it,
    /// deleting and replacing the first run's checkpoints and <c>latest</c>); once the first has ended, the second runs.
    /// </summary>
    [Fact]
    public void ASecondTrainerIsRefusedTheCheckpointFolderOfARunningOne()
    {
        var data = TrainingTestData.SmallClassification(40, 10);
        using var folder = new TempDirectory();
        var directory = Path.Combine(folder.Path, "shared");
        Trainer Make(int seed, params ITrainingCallback[] callbacks)
        {
            var model = new SoftmaxRegression(20, 4).Initialize(seed);
            return new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, null,
                new TrainerOptions { Epochs = 2, BatchSize = 10, Seed = seed, LoadBatchesAhead = false, CheckpointDirectory = directory }, callbacks);
        }
        var second = Make(2);
        Exception? runError = null, saveError = null;
        var first = Make(1, new AtStep(3, () =>
        {
            var other = new Thread(() =>
            {
                runError = Record(() => second.Run()) ?? new Exception("Run was not refused");
                saveError = Record(() => second.SaveCheckpoint()) ?? new Exception("SaveCheckpoint was not refused");
            });
            other.Start();
            other.Join();
        }));
        Assert.Equal(TrainingStatus.Completed, first.Run());
        var refusal = Assert.IsType<InvalidOperationException>(runError);
        Assert.Contains(Path.GetFullPath(directory), refusal.Message);
        Assert.IsType<InvalidOperationException>(saveError);
        Assert.Equal(0, second.GlobalStep);
        // the first run's checkpoints are its own
        Assert.Equal(first.GlobalStep, Checkpoints.StepOf(Checkpoints.FindLatest(directory)!));
        // free once the first run has ended
        Assert.Equal(TrainingStatus.Completed, second.Run());
    }

    /// <summary>
    /// A second trainer built on a running trainer's model, or on its optimizer, is refused its <see cref="Trainer.Run"/>,
    /// <see cref="Trainer.Resume"/> and <see cref="Trainer.SaveCheckpoint"/> while that run lasts (two runs trained one
    /// model at once: the members' shared workspace and one parameter vector stepped from both; a resume rewrote the
    /// parameters under the other's steps), and runs once it has ended.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASecondTrainerOnTheModelOrOptimizerOfARunningOneIsRefused(bool sameModel)
    {
        var data = TrainingTestData.SmallClassification(40, 10);
        using var folder = new TempDirectory();
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var optimizer = TrainingTestData.Sgd(model.Parameters.Length, 0.1);
        var otherModel = new SoftmaxRegression(20, 4).Initialize(2);
        var options = new TrainerOptions { Epochs = 1, BatchSize = 10, Seed = 1, LoadBatchesAhead = false };
        var secondOptions = options with { CheckpointDirectory = folder.Path };
        var second = sameModel
            ? new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, null, secondOptions)
            : new Trainer(otherModel, optimizer, data.Train, null, secondOptions);
        var saved = second.SaveCheckpoint();
        Exception? runError = null, resumeError = null, saveError = null;
        var first = new Trainer(model, optimizer, data.Train, null, options, [new AtStep(2, () =>
        {
            var other = new Thread(() =>
            {
                runError = Record(() => second.Run()) ?? new Exception("Run was not refused");
                resumeError = Record(() => second.Resume(saved)) ?? new Exception("Resume was not refused");
                saveError = Record(() => second.SaveCheckpoint()) ?? new Exception("SaveCheckpoint was not refused");
            });
            other.Start();
            other.Join();
        })]);
        Assert.Equal(TrainingStatus.Completed, first.Run());
        foreach (var error in new[] { runError, resumeError, saveError })
            Assert.Contains(sameModel ? "model" : "optimizer", Assert.IsType<InvalidOperationException>(error).Message);
        Assert.Equal(0, second.GlobalStep);
        Assert.Equal(TrainingStatus.Completed, second.Run());
    }

    private sealed class AtStep(long step, Action action) : ITrainingCallback
    {
        public void OnBatchEnd(TrainingContext context)
        {
            if (context.GlobalStep == step) action();
        }
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Holds a run's start until the other racing call has ended or a second run is inside too.</summary>
    private sealed class HoldStart : ITrainingCallback
    {
        private int _inside;
        private int _ended;
        private int _most;

        public int MostInside => Volatile.Read(ref _most);

        public void CallEnded() => Interlocked.Increment(ref _ended);

        public void OnTrainingStart(TrainingContext context)
        {
            var inside = Interlocked.Increment(ref _inside);
            if (inside > Volatile.Read(ref _most)) Volatile.Write(ref _most, inside);
            SpinWait.SpinUntil(() => Volatile.Read(ref _ended) >= 1 || Volatile.Read(ref _inside) >= 2);
        }

        public void OnTrainingEnd(TrainingContext context, TrainingStatus status) => Interlocked.Decrement(ref _inside);
    }

    /// <summary>Calls <see cref="Trainer.Run"/> on another thread from inside the trainer's SaveCheckpoint and Resume (outside a run only).</summary>
    private sealed class RunFromInside : ICheckpointableCallback
    {
        private Exception? _error;
        private bool _running;

        public Trainer? Trainer { get; set; }

        public string StateKey => "run-from-inside";

        public Exception? TakeError()
        {
            var error = _error;
            _error = null;
            return error;
        }

        public void OnTrainingStart(TrainingContext context) => _running = true;

        public void OnTrainingEnd(TrainingContext context, TrainingStatus status) => _running = false;

        public byte[] SaveState()
        {
            TryRunElsewhere();
            return [1];
        }

        public void LoadState(ReadOnlySpan<byte> state) => TryRunElsewhere();

        private void TryRunElsewhere()
        {
            if (_running) return;
            _error = new Exception("not refused");
            var other = new Thread(() => _error = Record(() => Trainer!.Run()) ?? new Exception("Run was not refused"));
            other.Start();
            other.Join();
        }
    }
}
