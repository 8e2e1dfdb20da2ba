namespace RelayCluster.Core.Actors;

/// <summary>A parent's policy for children that fail: a directive per exception and a bound on the restart rate.</summary>
public sealed class SupervisorStrategy
{
    /// <summary>Creates a strategy that allows <paramref name="maxRestarts"/> restarts per <paramref name="window"/>.</summary>
    public SupervisorStrategy(int maxRestarts, TimeSpan window, Func<Exception, SupervisorDirective>? decider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRestarts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        MaxRestarts = maxRestarts;
        Window = window;
        Decider = decider ?? (static _ => SupervisorDirective.Restart);
    }

    /// <summary>Restarts a failing child up to 3 times in 10 seconds, then stops it.</summary>
    public static SupervisorStrategy Default { get; } = new(3, TimeSpan.FromSeconds(10));

    /// <summary>Stops a failing child at once.</summary>
    public static SupervisorStrategy Stopping { get; } = new(0, TimeSpan.FromSeconds(1), static _ => SupervisorDirective.Stop);

    /// <summary>How many restarts are allowed within <see cref="Window"/> before the child is stopped.</summary>
    public int MaxRestarts { get; }

    /// <summary>The period over which restarts are counted.</summary>
    public TimeSpan Window { get; }

    /// <summary>Chooses the directive for an exception.</summary>
    public Func<Exception, SupervisorDirective> Decider { get; }
}
