namespace RelayCluster.Core.Tests.Traffic;

/// <summary>A timestamp source with Linux's nanosecond frequency that moves only when a test advances it.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _now;

    public override long TimestampFrequency => 1_000_000_000;

    public override long GetTimestamp() => Volatile.Read(ref _now);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _now, (long)(by.TotalSeconds * TimestampFrequency));
}
