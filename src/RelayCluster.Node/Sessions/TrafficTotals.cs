namespace RelayCluster.Node.Sessions;

/// <summary>Traffic summed over many sessions; safe to add to from any thread.</summary>
public sealed class TrafficTotals
{
    private long _packetsToUpstream;
    private long _bytesToUpstream;
    private long _packetsToClient;
    private long _bytesToClient;

    /// <summary>Datagrams or reads forwarded to upstreams.</summary>
    public long PacketsToUpstream => Interlocked.Read(ref _packetsToUpstream);

    /// <summary>Bytes forwarded to upstreams.</summary>
    public long BytesToUpstream => Interlocked.Read(ref _bytesToUpstream);

    /// <summary>Datagrams or reads forwarded to clients.</summary>
    public long PacketsToClient => Interlocked.Read(ref _packetsToClient);

    /// <summary>Bytes forwarded to clients.</summary>
    public long BytesToClient => Interlocked.Read(ref _bytesToClient);

    /// <summary>Adds the given amounts.</summary>
    public void Add(long packetsToUpstream, long bytesToUpstream, long packetsToClient, long bytesToClient)
    {
        Interlocked.Add(ref _packetsToUpstream, packetsToUpstream);
        Interlocked.Add(ref _bytesToUpstream, bytesToUpstream);
        Interlocked.Add(ref _packetsToClient, packetsToClient);
        Interlocked.Add(ref _bytesToClient, bytesToClient);
    }
}
