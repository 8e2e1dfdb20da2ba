using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Traffic.Internal;

/// <summary>The refill rates and depths of a rule's buckets in timestamp ticks, and the token arithmetic.</summary>
internal sealed class TokenBucketRates
{
    // Many fractional refills can leave a bucket a hair under a whole token; without slack the steady rate would drift low.
    private const double Slack = 1e-9;

    private readonly double _packetsPerTick;
    private readonly double _packetDepth;
    private readonly double _bytesPerTick;
    private readonly double _byteDepth;

    public TokenBucketRates(RateLimitConfig config, long ticksPerSecond)
    {
        // A limit that is off gets an endless bucket: it never runs dry and needs no branch on the packet path.
        _packetsPerTick = config.PacketsPerSecond > 0 ? (double)config.PacketsPerSecond / ticksPerSecond : 0;
        _packetDepth = config.PacketsPerSecond > 0 ? config.EffectiveBurst : double.PositiveInfinity;
        _bytesPerTick = config.BytesPerSecond > 0 ? (double)config.BytesPerSecond / ticksPerSecond : 0;
        _byteDepth = config.BytesPerSecond > 0 ? config.BytesPerSecond : double.PositiveInfinity;

        var packetFill = config.PacketsPerSecond > 0 ? _packetDepth / _packetsPerTick : 0;
        var byteFill = config.BytesPerSecond > 0 ? ticksPerSecond : 0;
        TicksToFill = (long)Math.Ceiling(Math.Max(packetFill, byteFill));
    }

    /// <summary>How long an empty bucket takes to fill up again.</summary>
    public long TicksToFill { get; }

    public void Fill(ref ClientBucket bucket, long now)
    {
        bucket.Packets = _packetDepth;
        bucket.Bytes = _byteDepth;
        bucket.RefilledAt = now;
    }

    public bool TryTake(ref ClientBucket bucket, int bytes, long now)
    {
        var elapsed = now - bucket.RefilledAt;
        if (elapsed > 0)
        {
            bucket.Packets = Math.Min(_packetDepth, bucket.Packets + (elapsed * _packetsPerTick));
            bucket.Bytes = Math.Min(_byteDepth, bucket.Bytes + (elapsed * _bytesPerTick));
            bucket.RefilledAt = now;
        }

        if (bucket.Packets < 1 - Slack || bucket.Bytes < bytes - Slack)
        {
            return false;
        }

        bucket.Packets -= 1;
        bucket.Bytes -= bytes;
        return true;
    }
}
