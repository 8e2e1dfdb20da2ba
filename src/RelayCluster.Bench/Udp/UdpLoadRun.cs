using System.Diagnostics;

namespace RelayCluster.Bench.Udp;

/// <summary>State every flow of one <c>udp-load</c> run shares: its id, its options and the measuring window.</summary>
internal sealed class UdpLoadRun
{
    private long _measureStart = long.MaxValue;
    private long _measureEnd = long.MaxValue;
    private volatile bool _stopping;

    public UdpLoadRun(UdpLoadOptions options, uint runId)
    {
        Options = options;
        RunId = runId;
        TimeoutTicks = (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
    }

    public UdpLoadOptions Options { get; }

    /// <summary>Tells this run's replies from those of an earlier run that reused the same source port.</summary>
    public uint RunId { get; }

    public long TimeoutTicks { get; }

    public bool Stopping => _stopping;

    public long MeasureStart => Volatile.Read(ref _measureStart);

    public long MeasureEnd => Volatile.Read(ref _measureEnd);

    public bool IsMeasuring(long timestamp) => timestamp >= Volatile.Read(ref _measureStart) && timestamp < Volatile.Read(ref _measureEnd);

    public void StartMeasuring() => Volatile.Write(ref _measureStart, Stopwatch.GetTimestamp());

    public void StopMeasuring() => Volatile.Write(ref _measureEnd, Stopwatch.GetTimestamp());

    public void Stop() => _stopping = true;
}
