using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Admission;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Memory;

namespace RelayCluster.Node.Tests.Admission;

/// <summary>Which steps an admission chain holds: the access list and rate limit only while the rule configures them.</summary>
public class AdmissionChainStepsTests
{
    private static readonly string[] s_alwaysSteps = ["draining", "caps", "upstream-pick"];
    private static readonly string[] s_everyStep = ["draining", "access-list", "rate-limit", "caps", "upstream-pick"];
    private static readonly SocketAddress s_denied = new IPEndPoint(IPAddress.Parse("127.2.0.1"), 5000).Serialize();
    private static readonly SocketAddress s_client = new IPEndPoint(IPAddress.Parse("127.1.0.1"), 5000).Serialize();
    private static readonly AccessConfig s_denyList = new() { Deny = [Cidr.Parse("127.2.0.0/16")] };
    private static readonly RateLimitConfig s_onePerSecond = new() { PacketsPerSecond = 1, Burst = 1 };
    private static readonly IReadOnlyList<UpstreamState> s_upstreams = [new UpstreamState("127.0.0.1:1", new IPEndPoint(IPAddress.Loopback, 1))];

    [Theory]
    [InlineData(RuleProtocol.Udp)]
    [InlineData(RuleProtocol.Tcp)]
    public void NewChain_RuleWithoutAccessListOrRateLimit_HoldsOnlyDrainingCapsAndPick(RuleProtocol protocol)
    {
        var (chain, drops) = Chain(Rule(protocol));

        Assert.Equal(s_alwaysSteps, chain.StepNames);
        Assert.Null(chain.RateLimiter);
        Assert.Null(chain.Admit(s_denied, 1, out _));
        for (var i = 0; i < 100; i++)
        {
            Assert.True(chain.AllowsDatagram(s_client, 1_000));
        }

        Assert.Empty(drops);
    }

    [Fact]
    public void NewChain_RuleWithEveryStep_HoldsThemInTheDocumentedOrder()
    {
        var (chain, _) = Chain(Rule(RuleProtocol.Udp) with { Access = s_denyList, RateLimit = s_onePerSecond });

        Assert.Equal(s_everyStep, chain.StepNames);
        Assert.NotNull(chain.RateLimiter);
    }

    [Fact]
    public void NewChain_EmptyAccessListsAndZeroLimits_LeaveTheirStepsOut()
    {
        var rule = Rule(RuleProtocol.Udp) with
        {
            Access = new AccessConfig { Allow = [], Deny = [] },
            RateLimit = new RateLimitConfig { Burst = 5, MaxClients = 10 },
        };

        var (chain, _) = Chain(rule);

        Assert.Equal(s_alwaysSteps, chain.StepNames);
    }

    [Fact]
    public void Update_RateLimitAddedThenRemoved_DatagramsLimitedOnlyWhileItIsConfigured()
    {
        var rule = Rule(RuleProtocol.Udp);
        var (chain, drops) = Chain(rule);

        chain.Update(rule with { RateLimit = s_onePerSecond }, s_upstreams);

        Assert.Equal(["draining", "rate-limit", "caps", "upstream-pick"], chain.StepNames);
        Assert.True(chain.AllowsDatagram(s_client, 1));
        Assert.False(chain.AllowsDatagram(s_client, 1));
        Assert.Equal([DropReason.RateLimited], drops);

        chain.Update(rule, s_upstreams);

        Assert.Equal(s_alwaysSteps, chain.StepNames);
        Assert.Null(chain.RateLimiter);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(chain.AllowsDatagram(s_client, 1));
        }

        Assert.Equal([DropReason.RateLimited], drops);
    }

    [Fact]
    public void Update_SameRateLimit_KeepsItsBuckets_ChangedLimit_StartsAfresh()
    {
        var rule = Rule(RuleProtocol.Udp) with { RateLimit = s_onePerSecond };
        var (chain, _) = Chain(rule);
        var buckets = chain.RateLimiter;
        Assert.True(chain.AllowsDatagram(s_client, 1));

        chain.Update(rule with { Session = new SessionConfig { Max = 10 } }, s_upstreams);

        Assert.Same(buckets, chain.RateLimiter);
        Assert.False(chain.AllowsDatagram(s_client, 1));

        chain.Update(rule with { RateLimit = s_onePerSecond with { Burst = 2 } }, s_upstreams);

        Assert.NotSame(buckets, chain.RateLimiter);
        Assert.True(chain.AllowsDatagram(s_client, 1));
    }

    [Theory]
    [InlineData(RuleProtocol.Udp)]
    [InlineData(RuleProtocol.Tcp)]
    public void Update_AccessListAddedThenRemoved_ClientsKeptOutOnlyWhileItIsConfigured(RuleProtocol protocol)
    {
        var rule = Rule(protocol);
        var (chain, drops) = Chain(rule);

        chain.Update(rule with { Access = s_denyList }, s_upstreams);

        Assert.Equal(["draining", "access-list", "caps", "upstream-pick"], chain.StepNames);
        Assert.Equal(DropReason.AccessDenied, chain.Admit(s_denied, 0, out _));

        chain.Update(rule, s_upstreams);

        Assert.Equal(s_alwaysSteps, chain.StepNames);
        Assert.Null(chain.Admit(s_denied, 0, out _));
        Assert.Equal([DropReason.AccessDenied], drops);
    }

    [Theory]
    [InlineData(RuleProtocol.Udp)]
    [InlineData(RuleProtocol.Tcp)]
    public void Refusals_WithoutOptionalSteps_StillCountedByReason(RuleProtocol protocol)
    {
        var (capped, cappedDrops) = Chain(Rule(protocol, new SessionConfig { Max = 1 }));
        Assert.Null(capped.Admit(s_client, 1, out _));
        Assert.Equal(DropReason.SessionLimit, capped.Admit(s_denied, 1, out _));
        capped.Drain();
        Assert.Equal(DropReason.Draining, capped.Admit(s_denied, 1, out _));
        var (down, downDrops) = Chain(Rule(protocol), upstreamUp: false);
        Assert.Null(down.PickUpstream(IPAddress.Loopback));

        Assert.Equal([DropReason.SessionLimit, DropReason.Draining], cappedDrops);
        Assert.Equal([DropReason.NoUpstream], downDrops);
    }

    [Fact]
    public void AllowsDatagram_WithAndWithoutRateLimit_AllocatesNothing()
    {
        var rule = Rule(RuleProtocol.Udp);
        var (unlimited, _) = Chain(rule);
        var (limited, drops) = Chain(rule with { RateLimit = s_onePerSecond });
        Assert.True(limited.AllowsDatagram(s_client, 1));
        drops.Capacity = 10_000;

        var allocated = Allocations.FewestBytes(3, () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                unlimited.AllowsDatagram(s_client, 1);
                limited.AllowsDatagram(s_client, 1);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(3_000, drops.Count(d => d == DropReason.RateLimited));
    }

    private static RuleConfig Rule(RuleProtocol protocol, SessionConfig? session = null) =>
        NodeFixture.UdpRule([s_upstreams[0].EndPoint], session ?? new SessionConfig()) with { Protocol = protocol };

    private static (AdmissionChain Chain, List<DropReason> Drops) Chain(RuleConfig rule, bool upstreamUp = true)
    {
        IReadOnlyList<UpstreamState> upstreams = upstreamUp ? s_upstreams : [new UpstreamState("127.0.0.1:2", new IPEndPoint(IPAddress.Loopback, 2)) { Health = UpstreamHealth.Unhealthy }];
        var drops = new List<DropReason>();
        var limiter = new SessionLimiter(rule.Session.Max, rule.Session.MaxPerClientIp, new SessionBudget(1_000), 1);
        return (new AdmissionChain(rule, upstreams, limiter, drops.Add), drops);
    }
}
