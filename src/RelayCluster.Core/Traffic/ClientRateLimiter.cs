using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Traffic.Internal;

namespace RelayCluster.Core.Traffic;

/// <summary>
/// Token buckets per client IP address for a rule's <see cref="RateLimitConfig"/>: one for datagrams (or connections),
/// one for bytes. Thread-safe and allocation-free for a client already tracked; the table holds at most
/// <see cref="Capacity"/> clients and, when full, evicts an approximately least recently seen one, so a flood of
/// spoofed sources cannot grow it. A client idle for the idle expiry (or for as long as its buckets take to fill,
/// if that is longer, so that dropping never hands out extra tokens) is dropped.
/// </summary>
public sealed class ClientRateLimiter
{
    /// <summary>The number of client IP addresses tracked when the config does not say (<see cref="RateLimitConfig.DefaultMaxClients"/>).</summary>
    public const int DefaultCapacity = RateLimitConfig.DefaultMaxClients;

    private const int MaxStripes = 64;
    private const int MinClientsPerStripe = 64;

    private readonly TimeProvider _timeProvider;
    private readonly TokenBucketRates _rates;
    private readonly RateLimitStripe[] _stripes;
    private readonly int _stripeMask;
    private readonly long _expiryTicks;
    private readonly bool _isEnabled;

    /// <summary>Creates a limiter that tracks <see cref="RateLimitConfig.MaxClients"/> clients, with <see cref="DefaultIdleExpiry"/> and the system clock.</summary>
    public ClientRateLimiter(RateLimitConfig config)
        : this(config, config?.MaxClients ?? DefaultCapacity, DefaultIdleExpiry, TimeProvider.System)
    {
    }

    /// <summary>Creates a limiter that tracks at most <paramref name="capacity"/> clients and drops those idle for <paramref name="idleExpiry"/>.</summary>
    public ClientRateLimiter(RateLimitConfig config, int capacity, TimeSpan idleExpiry, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(config.PacketsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(config.BytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(config.Burst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleExpiry, TimeSpan.Zero);

        Config = config;
        Capacity = capacity;
        _timeProvider = timeProvider;
        _isEnabled = config.IsEnabled;
        _rates = new TokenBucketRates(config, timeProvider.TimestampFrequency);
        var idleTicks = (long)Math.Ceiling(idleExpiry.TotalSeconds * timeProvider.TimestampFrequency);
        _expiryTicks = Math.Max(idleTicks, _rates.TicksToFill);

        var stripeCount = 1;
        while (stripeCount < MaxStripes && capacity / (stripeCount * 2) >= MinClientsPerStripe)
        {
            stripeCount *= 2;
        }

        _stripeMask = stripeCount - 1;
        _stripes = new RateLimitStripe[stripeCount];
        for (var i = 0; i < stripeCount; i++)
        {
            _stripes[i] = new RateLimitStripe((capacity / stripeCount) + (i < capacity % stripeCount ? 1 : 0));
        }
    }

    /// <summary>How long a client may stay silent before its buckets are dropped, when no idle expiry is given.</summary>
    public static TimeSpan DefaultIdleExpiry { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The limits this limiter enforces.</summary>
    public RateLimitConfig Config { get; }

    /// <summary>The most client IP addresses tracked at once.</summary>
    public int Capacity { get; }

    /// <summary>The number of client IP addresses tracked now.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var stripe in _stripes)
            {
                count += stripe.Count;
            }

            return count;
        }
    }

    /// <summary>How many tracked clients have been pushed out, while still active, to make room for new ones.</summary>
    public long Evictions
    {
        get
        {
            long evictions = 0;
            foreach (var stripe in _stripes)
            {
                evictions += stripe.Evictions;
            }

            return evictions;
        }
    }

    /// <summary>Takes one packet and <paramref name="bytes"/> bytes from the client's buckets; false, taking nothing, when either runs short.</summary>
    public bool TryAcquire(IPAddress client, int bytes)
    {
        ArgumentNullException.ThrowIfNull(client);
        return !_isEnabled || TryAcquire(ClientKey.FromAddress(client), bytes);
    }

    /// <summary>As <see cref="TryAcquire(IPAddress, int)"/>, for an address given as its 4 or 16 bytes in network order.</summary>
    public bool TryAcquire(ReadOnlySpan<byte> address, int bytes) =>
        !_isEnabled || TryAcquire(ClientKey.FromBytes(address), bytes);

    /// <summary>As <see cref="TryAcquire(IPAddress, int)"/>, for the client's native socket address as a receive call fills it in.</summary>
    public bool TryAcquire(SocketAddress client, int bytes)
    {
        ArgumentNullException.ThrowIfNull(client);
        return !_isEnabled || TryAcquire(ClientKey.FromSocketAddress(client), bytes);
    }

    /// <summary>Drops the buckets of every client idle past the expiry now, rather than as traffic passes; returns how many.</summary>
    public int RemoveIdle()
    {
        var now = _timeProvider.GetTimestamp();
        var removed = 0;
        foreach (var stripe in _stripes)
        {
            removed += stripe.RemoveIdle(now, _expiryTicks);
        }

        return removed;
    }

    private bool TryAcquire(ClientKey key, int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var stripe = _stripes[(key.GetHashCode() >>> 16) & _stripeMask];
        return stripe.TryAcquire(key, bytes, _timeProvider.GetTimestamp(), _rates, _expiryTicks);
    }
}
