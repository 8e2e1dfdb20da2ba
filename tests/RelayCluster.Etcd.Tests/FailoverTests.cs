using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Etcd.Tests;

public sealed class FailoverTests(EtcdServerFixture etcd) : IClassFixture<EtcdServerFixture>
{
    [Fact]
    public async Task PutAsync_DeadEndpointFirst_SucceedsOnLiveOneAndPrefersIt()
    {
        using var dead = DeadEndpoint(out var deadEndpoint);
        using var client = new EtcdClient(deadEndpoint, etcd.Server.ClientUrl);

        var put = await client.PutAsync("/failover/dead-first", "value");

        Assert.True(put.IsSuccess, put.ToString());
        Assert.Equal(etcd.Server.ClientUrl, client.PreferredEndpoint);
        Assert.True((await client.RangeAsync("/failover/dead-first")).IsSuccess);
    }

    [Fact]
    public async Task RangeAsync_OnlyDeadEndpoints_ReturnsUnavailableWithinTimeout()
    {
        var timeout = TimeSpan.FromMilliseconds(500);
        using var dead1 = DeadEndpoint(out var first);
        using var dead2 = DeadEndpoint(out var second);
        using var client = new EtcdClient(new EtcdClientOptions { Endpoints = [first, second], RequestTimeout = timeout });
        var watch = Stopwatch.StartNew();

        var result = await client.RangeAsync("/failover/none");

        Assert.Equal(EtcdErrorKind.Unavailable, result.Error?.Kind);
        Assert.Contains("127.0.0.1", result.Error?.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < timeout + TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task RangeAsync_EndpointNeverAnswers_ReturnsTimeout()
    {
        using var silent = SilentListener(out var endpoint);
        using var client = new EtcdClient(new EtcdClientOptions { Endpoints = [endpoint], RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var result = await client.RangeAsync("/failover/silent");

        Assert.Equal(EtcdErrorKind.Timeout, result.Error?.Kind);
    }

    [Fact]
    public async Task PutAsync_SilentEndpointFirst_FailsOverWithinTimeout()
    {
        using var silent = SilentListener(out var endpoint);
        using var client = new EtcdClient(new EtcdClientOptions { Endpoints = [endpoint, etcd.Server.ClientUrl], RequestTimeout = TimeSpan.FromSeconds(1) });

        var put = await client.PutAsync("/failover/silent-first", "value");

        Assert.True(put.IsSuccess, put.ToString());
        Assert.Equal(etcd.Server.ClientUrl, client.PreferredEndpoint);
    }

    [Fact]
    public async Task RangeAsync_Canceled_ThrowsOperationCanceled()
    {
        using var silent = SilentListener(out var endpoint);
        using var client = new EtcdClient(new EtcdClientOptions { Endpoints = [endpoint], RequestTimeout = TimeSpan.FromSeconds(10) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RangeAsync("/failover/canceled", cancellationToken: cancel.Token));
    }

    private static Socket DeadEndpoint(out Uri endpoint)
    {
        // Bound but never listening: connections to it are refused, and nothing else can take the port meanwhile.
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}");
        return socket;
    }

    private static Socket SilentListener(out Uri endpoint)
    {
        // Listens but never accepts: the kernel completes the handshake, then nothing ever answers.
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(16);
        endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}");
        return socket;
    }
}
