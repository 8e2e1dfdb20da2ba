using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Health;
using RelayCluster.Node.Health;

namespace RelayCluster.Node.Tests.Health;

public class TcpConnectProbeTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ProbeAsync_UpstreamListens_PassesAndClosesItsConnection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var probe = new TcpConnectProbe(s_timeout);

        var result = await probe.ProbeAsync((IPEndPoint)listener.LocalEndpoint, CancellationToken.None);

        Assert.True(result.IsPassed, result.ToString());
        using var accepted = await listener.AcceptSocketAsync();
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await accepted.ReceiveAsync(new byte[1], SocketFlags.None, read.Token));
    }

    [Fact]
    public async Task ProbeAsync_NothingListens_IsRefused()
    {
        var probe = new TcpConnectProbe(s_timeout);

        var result = await probe.ProbeAsync(ClosedPort.Tcp(), CancellationToken.None);

        Assert.Equal(HealthFailureReason.Refused, result.Failure);
        Assert.Equal("refused: connection refused", result.ToString());
    }

    [Fact]
    public void HealthProbesCreate_TcpConnect_MakesATcpConnectProbe()
    {
        Assert.IsType<TcpConnectProbe>(HealthProbes.Create(HealthConfigText.Bind("check = tcp-connect")));
    }
}
