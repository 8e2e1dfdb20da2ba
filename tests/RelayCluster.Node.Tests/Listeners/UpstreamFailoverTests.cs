using System.Diagnostics;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Tests.Admission;
using RelayCluster.Testing.Upstreams;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Listeners;

[Collection(nameof(Sessions.MemoryMeasurement))]
public class UpstreamFailoverTests(ITestOutputHelper output)
{
    private const int Peers = 32;
    private static readonly TimeSpan s_sendEvery = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Rebind_OneOfTwoUpstreamsDiesUnderLoad_NoPeerLosesMoreThanFallTimesIntervalPlusOneSecond()
    {
        await using var first = UdpEchoUpstream.Start();
        await using var second = UdpEchoUpstream.Start();
        var health = UpstreamSelectionTests.FastUdpProbe(fall: 3) with { Interval = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromMilliseconds(150) };
        var rule = NodeFixture.UdpRule([first.EndPoint, second.EndPoint], new SessionConfig { OnUpstreamDown = UpstreamDownAction.Rebind }) with { Health = health };
        await using var relay = await NodeFixture.StartAsync(rule);
        var dying = relay.Rule.Upstreams[0];
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        var stats = Enumerable.Range(0, Peers).Select(_ => new PeerStats()).ToList();
        var peers = stats.Select(peer => RunPeerAsync(new UdpPeer(relay.Listen), peer, clock, stop.Token)).ToList();
        await Eventually.TrueAsync(() => dying.ActiveSessions == Peers / 2 && stats.All(p => p.Replies >= 20), "every peer to be in steady traffic, half of them on the first upstream");

        // Gaps count from here: the peers' start-up is not what this test measures.
        var steadyAt = clock.Elapsed;
        stats.ForEach(p => p.LastReply = TimeSpan.FromTicks(Math.Max(p.LastReply.Ticks, steadyAt.Ticks)));
        stats.ForEach(p => p.LongestGap = TimeSpan.Zero);

        first.Replying = false;
        var diedAt = clock.Elapsed;
        await Eventually.TrueAsync(() => dying.Health == UpstreamHealth.Unhealthy, "the dead upstream to be marked unhealthy");
        var markedAt = clock.Elapsed;
        var markedAfter = markedAt - diedAt;
        await Eventually.TrueAsync(() => stats.All(p => p.LastReply > markedAt + TimeSpan.FromMilliseconds(500)), "every peer to have replies again after the mark");

        // Peers that arrive after the mark are never sent to the dead upstream.
        var newcomers = Enumerable.Range(0, 8).Select(_ => new UdpPeer(relay.Listen)).ToList();
        foreach (var newcomer in newcomers)
        {
            Assert.NotNull(await newcomer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));
            newcomer.Dispose();
        }

        await stop.CancelAsync();
        var gaps = await Task.WhenAll(peers);
        var bound = (health.Fall * health.Interval) + TimeSpan.FromSeconds(1);
        output.WriteLine($"marked unhealthy {markedAfter.TotalMilliseconds:0} ms after it died; longest gap per peer (ms): {string.Join(' ', gaps.Select(g => g.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}; bound {bound.TotalMilliseconds} ms");
        Assert.All(gaps, gap => Assert.True(gap <= bound, $"a peer went {gap.TotalMilliseconds:0} ms without a reply; the bound is {bound.TotalMilliseconds} ms"));
        Assert.Equal(0, dying.ActiveSessions);
        Assert.Equal(Peers + newcomers.Count, relay.Rule.Upstreams[1].ActiveSessions);
    }

    /// <summary>Sends every 20 ms until stopped and returns the longest time the peer went without a reply.</summary>
    private static async Task<TimeSpan> RunPeerAsync(UdpPeer peer, PeerStats stats, Stopwatch clock, CancellationToken stop)
    {
        using (peer)
        {
            stats.LastReply = clock.Elapsed;
            var receiving = Task.Run(
                async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        if (await peer.ReceiveAsync(TimeSpan.FromMilliseconds(100)) is not null)
                        {
                            var now = clock.Elapsed;
                            stats.LongestGap = TimeSpan.FromTicks(Math.Max(stats.LongestGap.Ticks, (now - stats.LastReply).Ticks));
                            stats.LastReply = now;
                            stats.Replies++;
                        }
                    }
                },
                CancellationToken.None);

            using var timer = new PeriodicTimer(s_sendEvery);
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    peer.Send([42]);
                }
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }

            await receiving;
            return stats.LongestGap;
        }
    }

    private sealed class PeerStats
    {
        private long _lastReplyTicks;
        private long _longestGapTicks;
        private int _replies;

        public TimeSpan LongestGap
        {
            get => TimeSpan.FromTicks(Volatile.Read(ref _longestGapTicks));
            set => Volatile.Write(ref _longestGapTicks, value.Ticks);
        }

        public TimeSpan LastReply
        {
            get => TimeSpan.FromTicks(Volatile.Read(ref _lastReplyTicks));
            set => Volatile.Write(ref _lastReplyTicks, value.Ticks);
        }

        public int Replies
        {
            get => Volatile.Read(ref _replies);
            set => Volatile.Write(ref _replies, value);
        }
    }
}
