namespace RelayCluster.Core.Configuration;

/// <summary>A host (name or IP address) and port where a cluster member's remoting listens.</summary>
public sealed record ClusterAddress(string Host, int Port)
{
    /// <summary><c>host:port</c>, with an IPv6 host in brackets.</summary>
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
