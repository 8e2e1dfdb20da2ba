using Akka.TestKit;
using RelayCluster.Testing.Time;

namespace RelayCluster.Node.Tests.Health;

/// <summary>Virtual time for a health actor: its timers on Akka's <see cref="TestScheduler"/>, its probes' timeouts on a manual clock, moved together.</summary>
internal sealed class VirtualClock(ManualTimeProvider time, TestScheduler scheduler)
{
    /// <summary>How far one <see cref="Step"/> moves both clocks: well under the 10 % jitter of a one-second interval.</summary>
    public static readonly TimeSpan StepSize = TimeSpan.FromMilliseconds(10);

    /// <summary>The clock of probe timeouts and durations.</summary>
    public ManualTimeProvider Time { get; } = time;

    /// <summary>Virtual time so far.</summary>
    public TimeSpan Now => Time.Now;

    /// <summary>Moves both clocks forward by <see cref="StepSize"/>, firing what fell due.</summary>
    public void Step()
    {
        Time.Advance(StepSize);
        scheduler.Advance(StepSize);
    }
}
