namespace RelayCluster.Node.Health;

/// <summary>Where the duration of every active health probe is recorded (the node's metrics).</summary>
public interface IProbeDurations
{
    /// <summary>Records how long one probe of <paramref name="upstream"/> of <paramref name="rule"/> took.</summary>
    void ProbeFinished(string rule, string upstream, TimeSpan elapsed);
}
