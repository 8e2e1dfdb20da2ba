using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests.Sessions;

public class TcpIoChoiceTests
{
    private static readonly RuleConfig s_plain = NodeFixture.TcpRule([new IPEndPoint(IPAddress.Loopback, 9)]);

    [Fact]
    public void UsesEpoll_PlainTcpRule_OnLinuxUnlessAsyncAsked()
    {
        Assert.Equal(OperatingSystem.IsLinux(), TcpSession.UsesEpoll(TcpIo.Default, s_plain));
        Assert.False(TcpSession.UsesEpoll(TcpIo.Async, s_plain));
    }

    [Fact]
    public void UsesEpoll_RuleWithTlsOnEitherSide_TakesTheStreamPath()
    {
        var clientTls = s_plain with { Tls = new TlsConfig { Certificate = "/relay/cert.pem", Key = "/relay/key.pem" } };
        var upstreamTls = s_plain with { UpstreamTls = new UpstreamTlsConfig { Enabled = true } };

        Assert.False(TcpSession.UsesEpoll(TcpIo.Default, clientTls));
        Assert.False(TcpSession.UsesEpoll(TcpIo.Default, upstreamTls));
    }
}
