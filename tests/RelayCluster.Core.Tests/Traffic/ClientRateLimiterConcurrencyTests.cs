using System.Buffers.Binary;
using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Testing.Time;

namespace RelayCluster.Core.Tests.Traffic;

public class ClientRateLimiterConcurrencyTests
{
    private const int Threads = 4;
    private static readonly IPAddress s_client = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void TryAcquire_OneClientFromSeveralThreads_PassesExactlyTheBurst()
    {
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig { PacketsPerSecond = 1_000 }, new ManualTimeProvider());
        var passed = 0;

        RunOnThreads(_ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                if (limiter.TryAcquire(s_client, 1))
                {
                    Interlocked.Increment(ref passed);
                }
            }
        });

        Assert.Equal(1_000, passed);
    }

    [Fact]
    public void TryAcquire_OneClientWhileTimePasses_PassesExactlyTheRefill()
    {
        var clock = new ManualTimeProvider();

        // Drained first and as deep as the whole refill, so the cap never discards tokens while workers wait for a core.
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig { PacketsPerSecond = 1_000, Burst = 1_000 }, clock);
        Assert.Equal(1_000, ClientRateLimiterTests.TakeAll(limiter, s_client, bytes: 1));
        var passed = 0;
        var done = 0;

        RunOnThreads(thread =>
        {
            if (thread == 0)
            {
                for (var step = 0; step < 100; step++)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(10));
                    Thread.Yield();
                }

                Volatile.Write(ref done, 1);
                return;
            }

            while (Volatile.Read(ref done) == 0)
            {
                if (limiter.TryAcquire(s_client, 1))
                {
                    Interlocked.Increment(ref passed);
                }
            }
        });
        passed += ClientRateLimiterTests.TakeAll(limiter, s_client, bytes: 1);

        Assert.InRange(passed, 1_000 - 1, 1_000 + 1);
    }

    [Fact]
    public void TryAcquire_FloodFromSeveralThreads_StaysWithinCapacity()
    {
        const int PerThread = 25_000;
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig { PacketsPerSecond = 10 }, new ManualTimeProvider(), capacity: 1_000);
        var overCapacity = 0;

        RunOnThreads(thread =>
        {
            Span<byte> address = stackalloc byte[16];
            var random = new Random(thread);
            for (var i = 0; i < PerThread; i++)
            {
                random.NextBytes(address);
                BinaryPrimitives.WriteInt32BigEndian(address, thread);
                BinaryPrimitives.WriteInt32BigEndian(address[12..], i);
                limiter.TryAcquire(address, 64);
                if (i % 512 == 0 && limiter.Count > 1_000)
                {
                    Interlocked.Increment(ref overCapacity);
                }
            }
        });

        Assert.Equal(0, overCapacity);
        Assert.Equal(1_000, limiter.Count);
        Assert.Equal((Threads * PerThread) - 1_000, limiter.Evictions);
    }

    private static void RunOnThreads(Action<int> body)
    {
        using var start = new Barrier(Threads);
        var failures = new Exception?[Threads];
        var threads = new Thread[Threads];
        for (var i = 0; i < Threads; i++)
        {
            var index = i;
            threads[i] = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    body(index);
                }
                catch (Exception ex)
                {
                    failures[index] = ex;
                }
            });
            threads[i].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.All(failures, failure => Assert.Null(failure));
    }
}
