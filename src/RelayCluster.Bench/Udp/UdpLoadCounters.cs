namespace RelayCluster.Bench.Udp;

/// <summary>What one flow, or a whole run, counted inside the measuring window (misrouted replies at any time).</summary>
internal struct UdpLoadCounters
{
    public long Sent;
    public long Received;
    public long Lost;
    public long Late;
    public long Foreign;
    public long Misrouted;
    public long Refused;

    public void Add(in UdpLoadCounters other)
    {
        Sent += other.Sent;
        Received += other.Received;
        Lost += other.Lost;
        Late += other.Late;
        Foreign += other.Foreign;
        Misrouted += other.Misrouted;
        Refused += other.Refused;
    }
}
