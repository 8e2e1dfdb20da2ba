using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Admission;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Memory;

namespace RelayCluster.Node.Tests.Admission;

/// <summary>The admission chain alone: its order, what it counts, and that no refusal allocates.</summary>
public class AdmissionChainTests
{
    private static readonly SocketAddress s_denied = new IPEndPoint(IPAddress.Parse("127.2.0.1"), 5000).Serialize();
    private static readonly SocketAddress s_client = new IPEndPoint(IPAddress.Parse("127.1.0.1"), 5000).Serialize();
    private static readonly SocketAddress s_otherPort = new IPEndPoint(IPAddress.Parse("127.1.0.1"), 5001).Serialize();

    [Theory]
    [InlineData(RuleProtocol.Udp)]
    [InlineData(RuleProtocol.Tcp)]
    public void Admit_StepsRunInOrder_DrainingAccessRateLimitCaps(RuleProtocol protocol)
    {
        var (chain, drops) = Chain(protocol, new SessionConfig { Max = 1 });

        Assert.Equal(DropReason.AccessDenied, chain.Admit(s_denied, 1, out _));
        Assert.Equal(DropReason.AccessDenied, chain.Admit(s_denied, 1, out _));
        Assert.Null(chain.Admit(s_client, 1, out _));
        Assert.Equal(DropReason.RateLimited, chain.Admit(s_client, 1, out _));
        chain.Drain();
        Assert.Equal(DropReason.Draining, chain.Admit(s_denied, 1, out _));
        Assert.Equal(DropReason.Draining, chain.Admit(s_client, 1, out _));

        // Access refusals cost no rate-limit tokens: the denied address never reached its bucket.
        Assert.Equal([DropReason.AccessDenied, DropReason.AccessDenied, DropReason.RateLimited, DropReason.Draining, DropReason.Draining], drops);
    }

    [Fact]
    public void Admit_RuleFull_SessionLimitAfterTheRateLimit()
    {
        var (chain, drops) = Chain(RuleProtocol.Udp, new SessionConfig { Max = 1 }, rateLimited: false);

        Assert.Null(chain.Admit(s_client, 1, out _));
        Assert.Equal(DropReason.SessionLimit, chain.Admit(s_otherPort, 1, out _));
        Assert.Equal([DropReason.SessionLimit], drops);
    }

    [Fact]
    public void Admit_TcpAtClientCap_CountedOnlyWhenTheWaitIsOver()
    {
        var (chain, drops) = Chain(RuleProtocol.Tcp, new SessionConfig { MaxPerClientIp = 1 }, rateLimited: false);

        Assert.Null(chain.Admit(s_client, 0, out _));
        Assert.Equal(DropReason.ClientLimit, chain.Admit(s_otherPort, 0, out var key));
        Assert.Equal(DropReason.ClientLimit, chain.AdmitAgain(key, final: false));
        Assert.Empty(drops);
        Assert.Equal(DropReason.ClientLimit, chain.AdmitAgain(key, final: true));
        Assert.Equal([DropReason.ClientLimit], drops);
    }

    [Fact]
    public void Admit_UdpAtClientCap_CountedAtOnce()
    {
        var (chain, drops) = Chain(RuleProtocol.Udp, new SessionConfig { MaxPerClientIp = 1 }, rateLimited: false);

        Assert.Null(chain.Admit(s_client, 1, out _));
        Assert.Equal(DropReason.ClientLimit, chain.Admit(s_otherPort, 1, out _));
        Assert.Equal([DropReason.ClientLimit], drops);
    }

    [Fact]
    public void PickUpstream_NoneAvailable_CountedOnTheFirstPickNotOnFailover()
    {
        var (chain, drops) = Chain(RuleProtocol.Tcp, new SessionConfig(), rateLimited: false, upstreamUp: false);

        Assert.Null(chain.PickUpstream(IPAddress.Loopback));
        Assert.Null(chain.PickUpstream(IPAddress.Loopback, exclude: [new UpstreamState("127.0.0.1:2", new IPEndPoint(IPAddress.Loopback, 2))]));
        Assert.Equal([DropReason.NoUpstream], drops);
    }

    [Theory]
    [InlineData(RuleProtocol.Udp)]
    [InlineData(RuleProtocol.Tcp)]
    public void Admit_EveryRefusal_AllocatesNothing(RuleProtocol protocol)
    {
        var third = new IPEndPoint(IPAddress.Parse("127.1.0.3"), 5000).Serialize();
        var (capped, cappedDrops) = Chain(protocol, new SessionConfig { Max = 2, MaxPerClientIp = 1 }, rateLimited: false);
        var (limited, limitedDrops) = Chain(protocol, new SessionConfig());
        var (draining, drainingDrops) = Chain(protocol, new SessionConfig());
        draining.Drain();
        Assert.Null(capped.Admit(s_client, 1, out var key));
        Assert.Null(capped.Admit(new IPEndPoint(IPAddress.Parse("127.1.0.2"), 5000).Serialize(), 1, out _));
        Assert.Null(limited.Admit(s_client, 1, out _));
        cappedDrops.Capacity = limitedDrops.Capacity = drainingDrops.Capacity = 10_000;

        var allocated = Allocations.FewestBytes(3, () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                capped.Admit(s_denied, 1, out _);
                capped.Admit(third, 1, out _);
                capped.AdmitAgain(key, final: true);
                limited.Admit(s_client, 1, out _);
                draining.Admit(s_client, 1, out _);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(3_000, cappedDrops.Count(d => d == DropReason.AccessDenied));
        Assert.Equal(6_000, cappedDrops.Count(d => d == DropReason.SessionLimit));
        Assert.Equal(3_000, limitedDrops.Count(d => d == DropReason.RateLimited));
        Assert.Equal(3_000, drainingDrops.Count(d => d == DropReason.Draining));
    }

    [Fact]
    public void Admit_ClientAtItsCap_RefusedWithoutAllocating()
    {
        var (chain, drops) = Chain(RuleProtocol.Udp, new SessionConfig { MaxPerClientIp = 1 }, rateLimited: false);
        Assert.Null(chain.Admit(s_client, 1, out _));
        drops.Capacity = 10_000;

        var allocated = Allocations.FewestBytes(3, () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                chain.Admit(s_otherPort, 1, out _);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(3_000, drops.Count(d => d == DropReason.ClientLimit));
    }

    private static (AdmissionChain Chain, List<DropReason> Drops) Chain(RuleProtocol protocol, SessionConfig session, bool rateLimited = true, bool upstreamUp = true)
    {
        var upstream = new UpstreamState("127.0.0.1:1", new IPEndPoint(IPAddress.Loopback, 1));
        if (!upstreamUp)
        {
            upstream.Health = UpstreamHealth.Unhealthy;
        }

        var config = NodeFixture.UdpRule([upstream.EndPoint], session) with
        {
            Protocol = protocol,
            Access = new AccessConfig { Deny = [Cidr.Parse("127.2.0.0/16")] },
            RateLimit = rateLimited ? new RateLimitConfig { PacketsPerSecond = 1, Burst = 1 } : new RateLimitConfig(),
        };
        var drops = new List<DropReason>();
        var limiter = new SessionLimiter(session.Max, session.MaxPerClientIp, new SessionBudget(1_000), 1);
        return (new AdmissionChain(config, [upstream], limiter, drops.Add), drops);
    }
}
