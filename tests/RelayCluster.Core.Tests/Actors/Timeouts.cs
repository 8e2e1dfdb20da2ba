namespace RelayCluster.Core.Tests.Actors;

/// <summary>Deadlines for waiting on actors: generous for signals that must come, short for ones that must not.</summary>
internal static class Timeouts
{
    public static TimeSpan Expect { get; } = TimeSpan.FromSeconds(10);

    public static TimeSpan Quiet { get; } = TimeSpan.FromMilliseconds(100);
}
