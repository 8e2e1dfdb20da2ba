using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RelayCluster.Core.Traffic.Internal;

/// <summary>
/// One lock's share of the client table: a dense array of buckets indexed by client, bounded by its capacity,
/// with CLOCK (second-chance) eviction when full and a sweep of idle clients as time passes.
/// </summary>
internal sealed class RateLimitStripe(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ClientKey, int> _index = [];
    private ClientBucket[] _buckets = [];
    private int _count;
    private int _hand;
    private long _evictions;
    private long _nextSweepAt;

    public int Count => Volatile.Read(ref _count);

    public long Evictions => Volatile.Read(ref _evictions);

    public bool TryAcquire(ClientKey key, int bytes, long now, TokenBucketRates rates, long expiryTicks)
    {
        using (_lock.EnterScope())
        {
            if (now >= _nextSweepAt)
            {
                RemoveIdleLocked(now, expiryTicks);
                _nextSweepAt = now + Math.Max(1, expiryTicks / 2);
            }

            ref var index = ref CollectionsMarshal.GetValueRefOrNullRef(_index, key);
            if (Unsafe.IsNullRef(ref index))
            {
                var slot = Add(key, now, rates, expiryTicks);
                return rates.TryTake(ref _buckets[slot], bytes, now);
            }

            ref var bucket = ref _buckets[index];
            bucket.Referenced = true;
            return rates.TryTake(ref bucket, bytes, now);
        }
    }

    public int RemoveIdle(long now, long expiryTicks)
    {
        using (_lock.EnterScope())
        {
            return RemoveIdleLocked(now, expiryTicks);
        }
    }

    private int Add(ClientKey key, long now, TokenBucketRates rates, long expiryTicks)
    {
        int slot;
        if (_count < capacity)
        {
            if (_count == _buckets.Length)
            {
                Array.Resize(ref _buckets, Math.Min(capacity, Math.Max(16, _buckets.Length * 2)));
            }

            slot = _count;
            Volatile.Write(ref _count, _count + 1);
        }
        else
        {
            slot = FindVictim(now, expiryTicks);
            _index.Remove(_buckets[slot].Key);
        }

        _index.Add(key, slot);
        ref var bucket = ref _buckets[slot];
        bucket.Key = key;

        // A new client starts without the reference bit, so a flood of one-datagram spoofed sources
        // is evicted before clients that keep sending.
        bucket.Referenced = false;
        rates.Fill(ref bucket, now);
        return slot;
    }

    private int FindVictim(long now, long expiryTicks)
    {
        // Ends within two turns of the hand: the first turn clears every reference bit it passes.
        while (true)
        {
            var slot = _hand;
            _hand = slot + 1 == _count ? 0 : slot + 1;
            ref var bucket = ref _buckets[slot];
            if (now - bucket.RefilledAt >= expiryTicks)
            {
                return slot;
            }

            if (!bucket.Referenced)
            {
                Volatile.Write(ref _evictions, _evictions + 1);
                return slot;
            }

            bucket.Referenced = false;
        }
    }

    private int RemoveIdleLocked(long now, long expiryTicks)
    {
        var removed = 0;
        for (var slot = _count - 1; slot >= 0; slot--)
        {
            if (now - _buckets[slot].RefilledAt < expiryTicks)
            {
                continue;
            }

            _index.Remove(_buckets[slot].Key);
            var last = _count - 1;
            if (slot != last)
            {
                _buckets[slot] = _buckets[last];
                _index[_buckets[slot].Key] = slot;
            }

            _buckets[last] = default;
            Volatile.Write(ref _count, last);
            removed++;
        }

        if (_hand >= _count)
        {
            _hand = 0;
        }

        return removed;
    }
}
