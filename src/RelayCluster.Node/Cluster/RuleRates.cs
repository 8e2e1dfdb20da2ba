namespace RelayCluster.Node.Cluster;

/// <summary>One rule's traffic rates over the last sample interval.</summary>
/// <param name="SessionsPerSecond">New sessions (TCP: connections) per second.</param>
/// <param name="DatagramsToUpstream">Datagrams (TCP: reads) per second toward the upstreams.</param>
/// <param name="DatagramsToClient">Datagrams (TCP: reads) per second toward the clients.</param>
/// <param name="BytesToUpstream">Bytes per second toward the upstreams.</param>
/// <param name="BytesToClient">Bytes per second toward the clients.</param>
public sealed record RuleRates(double SessionsPerSecond, double DatagramsToUpstream, double DatagramsToClient, double BytesToUpstream, double BytesToClient)
{
    /// <summary>No traffic.</summary>
    public static RuleRates Zero { get; } = new(0, 0, 0, 0, 0);
}
