using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using RelayCluster.Node.Internal;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Memory;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Sessions;

/// <summary>
/// A live session's datagrams go through a batch the way an epoll worker sends them: queued on the worker's thread, sent
/// at the end of the read, runs of one size as one segmented message. The echo upstream sends each back, so the client
/// sees whether every datagram arrived whole and in order.
/// </summary>
public class UdpUpstreamBatchTests
{
    private const int SoNoCheck = 11;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Flush_RunsOfOneSize_OneMessageEachAndEveryDatagramEchoedInOrder()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([echo.EndPoint]), udpIo: UdpIo.Default);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1, 2, 3], s_timeout));
        var session = Assert.Single(relay.Udp.Sessions);
        // Three messages: the 60-byte datagram ends the first run, the 200-byte one starts the third.
        int[] sizes = [100, 100, 100, 60, 100, 100, 200, 200];
        var frames = Frames(sizes);

        var messages = OnWorkerThread(batch =>
        {
            for (var i = 0; i < sizes.Length; i++)
            {
                session.ForwardToUpstream(frames[i], sizes[i]);
            }

            return batch.Flush();
        });

        Assert.Equal(3, messages);
        await AssertEchoedInOrderAsync(peer, [.. frames.Select(f => f[UdpSession.HeaderRoom..])]);
        Assert.Equal(1 + sizes.Length, session.Traffic.PacketsToUpstream);
        Assert.Equal(3 + sizes.Sum(), session.Traffic.BytesToUpstream);
    }

    [Fact]
    public async Task Flush_KernelRefusesTheSegmentedMessage_SendsOneByOneAndStopsGroupingThatSize()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([echo.EndPoint]), udpIo: UdpIo.Default);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1, 2, 3], s_timeout));
        var session = Assert.Single(relay.Udp.Sessions);
        // Without UDP checksums the kernel refuses segmentation offload on this socket (EINVAL).
        SetOption(session.UpstreamFd, SoNoCheck, 1);
        int[] sizes = [100, 100, 100, 100];
        var frames = Frames(sizes);

        var (first, second) = OnWorkerThread(batch =>
        {
            for (var i = 0; i < sizes.Length; i++)
            {
                session.ForwardToUpstream(frames[i], sizes[i]);
            }

            var first = batch.Flush();
            for (var i = 0; i < sizes.Length; i++)
            {
                session.ForwardToUpstream(frames[i], sizes[i]);
            }

            return (first, batch.Flush());
        });

        Assert.Equal(4, first);
        Assert.Equal(4, second);
        var payloads = frames.Select(f => f[UdpSession.HeaderRoom..]).ToArray();
        await AssertEchoedInOrderAsync(peer, [.. payloads, .. payloads]);
        Assert.Equal(0, relay.Rule.Counters.Drops(DropReason.SendError));
    }

    [Fact]
    public async Task Flush_UpstreamPortClosed_SendsOneByOneAndKeepsGrouping()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([echo.EndPoint]), udpIo: UdpIo.Default);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1, 2, 3], s_timeout));
        var session = Assert.Single(relay.Udp.Sessions);
        // The upstream goes away: each datagram to its port brings back an ICMP port unreachable, which fails the
        // socket's next send with ECONNREFUSED (unless the worker's read of the socket took the error first).
        await echo.DisposeAsync();
        int[] sizes = [100, 100, 100, 100];
        var frames = Frames(sizes);

        var (refusedOnce, limit) = OnWorkerThread(batch =>
        {
            var deadline = DateTime.UtcNow + s_timeout;
            while (DateTime.UtcNow < deadline)
            {
                for (var i = 0; i < sizes.Length; i++)
                {
                    session.ForwardToUpstream(frames[i], sizes[i]);
                }

                // Four messages: the segmented one failed and its datagrams left one by one.
                if (batch.Flush() == sizes.Length)
                {
                    return (true, batch.SegmentLimit);
                }
            }

            return (false, batch.SegmentLimit);
        });

        Assert.True(refusedOnce, "no segmented send failed on the closed port");
        Assert.Equal(SegmentedMessages.MaxBytes, limit);
    }

    [Fact]
    public async Task ForwardToUpstream_OnAWorkerThread_QueuesAndSendsWithoutAllocating()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([echo.EndPoint]), udpIo: UdpIo.Default);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1, 2, 3], s_timeout));
        var session = Assert.Single(relay.Udp.Sessions);
        var frame = Frames([64])[0];

        var allocated = OnWorkerThread(batch => Allocations.FewestBytes(3, () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                session.ForwardToUpstream(frame, 64);
                if (i % 16 == 15)
                {
                    batch.Flush();
                }
            }

            batch.Flush();
        }));

        Assert.Equal(0, allocated);
        Assert.Equal(3_001, session.Traffic.PacketsToUpstream);
    }

    // Pinned, as a worker's receive slots are: the batch keeps their addresses until it flushes.
    private static byte[][] Frames(int[] sizes) =>
        [.. sizes.Select((size, index) =>
        {
            var frame = GC.AllocateArray<byte>(UdpSession.HeaderRoom + size, pinned: true);
            frame.AsSpan(UdpSession.HeaderRoom).Fill((byte)(index + 1));
            return frame;
        })];

    private static async Task AssertEchoedInOrderAsync(UdpPeer peer, byte[][] expected)
    {
        foreach (var datagram in expected)
        {
            Assert.Equal(datagram, await peer.ReceiveAsync(s_timeout));
        }
    }

    private static T OnWorkerThread<T>(Func<UdpUpstreamBatch, T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            using var batch = new UdpUpstreamBatch(32);
            batch.UseOnThisThread();
            try
            {
                result = work(batch);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private static unsafe void SetOption(int fd, int name, int value)
    {
        Assert.Equal(0, LinuxSockets.SetOption(fd, LinuxSockets.SolSocket, name, &value, sizeof(int)));
    }
}
