using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

/// <summary>Where the duration of every ended session is recorded (the node's metrics).</summary>
public interface ISessionDurations
{
    /// <summary>Records the duration of a session of <paramref name="rule"/> that just ended; called once per session.</summary>
    void SessionEnded(RelayRule rule, IRelaySession session);
}
