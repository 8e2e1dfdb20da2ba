namespace RelayCluster.Node.Sessions;

/// <summary>
/// Datagrams (or reads) and bytes one session moved each way. Each direction has a single writer,
/// so the packet path updates them with plain adds and no contention; readers may see a slightly stale value.
/// </summary>
public sealed class TrafficCounters
{
    private long _packetsToUpstream;
    private long _bytesToUpstream;
    private long _packetsToClient;
    private long _bytesToClient;

    /// <summary>Datagrams (UDP) or reads (TCP) forwarded from the client to the upstream.</summary>
    public long PacketsToUpstream => Volatile.Read(ref _packetsToUpstream);

    /// <summary>Bytes forwarded from the client to the upstream.</summary>
    public long BytesToUpstream => Volatile.Read(ref _bytesToUpstream);

    /// <summary>Datagrams (UDP) or reads (TCP) forwarded from the upstream to the client.</summary>
    public long PacketsToClient => Volatile.Read(ref _packetsToClient);

    /// <summary>Bytes forwarded from the upstream to the client.</summary>
    public long BytesToClient => Volatile.Read(ref _bytesToClient);

    /// <summary>Counts <paramref name="forwards"/> forwards towards the upstream, of <paramref name="bytes"/> in all; called only by the client-side reader.</summary>
    public void AddToUpstream(int bytes, int forwards = 1)
    {
        Volatile.Write(ref _packetsToUpstream, _packetsToUpstream + forwards);
        Volatile.Write(ref _bytesToUpstream, _bytesToUpstream + bytes);
    }

    /// <summary>Counts one forward towards the client; called only by the upstream-side reader.</summary>
    public void AddToClient(int bytes)
    {
        Volatile.Write(ref _packetsToClient, _packetsToClient + 1);
        Volatile.Write(ref _bytesToClient, _bytesToClient + bytes);
    }

    /// <summary>Adds this session's totals into <paramref name="total"/> (used when a session ends).</summary>
    public void AddTo(TrafficTotals total) => total.Add(PacketsToUpstream, BytesToUpstream, PacketsToClient, BytesToClient);
}
