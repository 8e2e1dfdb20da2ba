namespace RelayCluster.Bench.Tcp;

/// <summary>What one connection, or a whole run, counted: requests and bytes inside the measuring window, failures at any time.</summary>
internal struct TcpLoadCounters
{
    public long Requests;
    public long SentBytes;
    public long ReceivedBytes;
    public long Connects;
    public long Errors;
    public long Mismatched;

    public void Add(in TcpLoadCounters other)
    {
        Requests += other.Requests;
        SentBytes += other.SentBytes;
        ReceivedBytes += other.ReceivedBytes;
        Connects += other.Connects;
        Errors += other.Errors;
        Mismatched += other.Mismatched;
    }
}
