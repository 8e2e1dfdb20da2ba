using System.Diagnostics;
using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Sessions;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Admission;

[Collection(nameof(Sessions.MemoryMeasurement))]
public class SpoofedFloodTests(ITestOutputHelper output)
{
    private const int Sources = 100_000;
    private const int DatagramsPerSource = 3;
    private const int SessionMax = 64;
    private const int MaxClients = 1_024;

    // What the flood may add over a baseline taken after a full collection. Measured: a peak heap growth of about
    // 16 MiB, nearly all of it the test's own garbage from 100,000 sockets; a working set growth of 11-15 MiB; under
    // 1 MiB still held after a full collection; the 63 sessions the flood opened and the one sending socket.
    private const long ManagedHeapBound = 48 << 20;
    private const long RetainedHeapBound = 8 << 20;
    private const long WorkingSetBound = 64 << 20;
    private const int DescriptorSlack = 32;

    // Measured 40-150 ms on two cores with the flood's sender taking one of them.
    private static readonly TimeSpan s_maxEchoGap = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Flood_HundredThousandSpoofedSources_CapsHoldMemoryBoundedEstablishedSessionKeepsItsEchoes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Binding any 127/8 address as a source and /proc/self/fd are Linux's.
        }

        using var echo = new BlockingUdpEcho();
        var rule = NodeFixture.UdpRule([echo.EndPoint], new SessionConfig { Max = SessionMax, MaxPerClientIp = 4 }) with
        {
            // 127.2.0.0/16 holds a third of the sources; the established client on 127.0.0.1 is outside the flood.
            Access = new AccessConfig { Deny = [Cidr.Parse("127.2.0.0/16")] },
            RateLimit = new RateLimitConfig { PacketsPerSecond = 200, Burst = 2, MaxClients = MaxClients },
        };
        await using var relay = await NodeFixture.StartAsync(rule);
        var listener = relay.Udp;
        var limiter = relay.Rule.Admission.RateLimiter!;
        var counters = relay.Rule.Counters;

        using var established = new EchoWatch(relay.Listen, IPAddress.Loopback);
        await Eventually.TrueAsync(() => established.Echoes >= 20, "the established session to be in steady conversation");
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;
        var descriptorsBefore = Descriptors();
        established.ResetGap();
        var echoesBefore = established.Echoes;

        var clock = Stopwatch.StartNew();
        using (var sampler = new PeakSampler(
            (() => listener.SessionCount, false),
            (() => limiter.Count, false),
            (() => GC.GetTotalMemory(forceFullCollection: false), false),
            (() => Environment.WorkingSet, true),
            (() => Descriptors(), true)))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await Task.Factory.StartNew(() => SpoofedSources.Send(Sources, DatagramsPerSource, relay.Listen, timeout.Token), TaskCreationOptions.LongRunning);
            Assert.False(timeout.IsCancellationRequested, "the flood took longer than 15 s");
            var sent = clock.Elapsed;
            await Eventually.TrueAsync(() => Refused(relay) >= Sources * DatagramsPerSource * 0.99, "the relay to work through the flood", TimeSpan.FromSeconds(5));
            var floodTime = clock.Elapsed;

            var heapGrowth = sampler.Peak(2) - heapBefore;
            var workingSetGrowth = sampler.Peak(3) - workingSetBefore;
            var descriptorGrowth = sampler.Peak(4) - descriptorsBefore;
            output.WriteLine(
                $"{Sources:N0} sources x {DatagramsPerSource} sent in {sent.TotalSeconds:0.0} s, handled in {floodTime.TotalSeconds:0.0} s; " +
                $"drops: rate-limited {counters.Drops(DropReason.RateLimited):N0}, access-denied {counters.Drops(DropReason.AccessDenied):N0}, session-limit {counters.Drops(DropReason.SessionLimit):N0}; " +
                $"peak sessions {sampler.Peak(0)} (max {SessionMax}), peak buckets {sampler.Peak(1)} (cap {MaxClients}), evictions {limiter.Evictions:N0}; " +
                $"peak heap growth {heapGrowth >> 20} MiB, peak working-set growth {workingSetGrowth >> 20} MiB, peak descriptor growth {descriptorGrowth}; " +
                $"established: {established.Echoes - echoesBefore} echoes, {established.Lost} lost, longest gap {established.MaxGap.TotalMilliseconds:0} ms");

            Assert.InRange(sampler.Peak(0), 1, SessionMax);
            Assert.InRange(sampler.Peak(1), 1, MaxClients);
            Assert.True(limiter.Evictions > 0, "the bucket table never filled");
            Assert.True(counters.Drops(DropReason.AccessDenied) > 0 && counters.Drops(DropReason.SessionLimit) > 0 && counters.Drops(DropReason.RateLimited) > 0);
            Assert.InRange(heapGrowth, long.MinValue, ManagedHeapBound);
            Assert.InRange(workingSetGrowth, long.MinValue, WorkingSetBound);
            Assert.InRange(descriptorGrowth, long.MinValue, SessionMax + DescriptorSlack);
        }

        Assert.Equal(0, established.Lost);
        Assert.True(established.MaxGap < s_maxEchoGap, $"the established session went {established.MaxGap.TotalMilliseconds:0} ms without an echo");
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        output.WriteLine($"retained heap growth after a full collection: {retained >> 10} KiB");
        Assert.InRange(retained, long.MinValue, RetainedHeapBound);
    }

    private static long Refused(NodeFixture relay)
    {
        var counters = relay.Rule.Counters;
        return counters.Drops(DropReason.RateLimited) + counters.Drops(DropReason.AccessDenied) + counters.Drops(DropReason.SessionLimit)
            + counters.Drops(DropReason.ClientLimit) + relay.Rule.Traffic().PacketsToUpstream;
    }

    private static long Descriptors() => Directory.EnumerateFileSystemEntries("/proc/self/fd").LongCount();
}
