using System.Net;
using RelayCluster.Core.Balancing;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Tests.Balancing;

public class HashClientIpBalancingPolicyTests
{
    private const int Clients = 10_000;

    private readonly HashClientIpBalancingPolicy _policy = new();

    [Fact]
    public void Pick_OneOfFiveUpstreamsRemoved_OnlyItsClientsMove()
    {
        const int UpstreamCount = 5;
        var upstreams = TestUpstreams.Equal(UpstreamCount);
        var removed = upstreams[2];
        var remaining = upstreams.Where(upstream => upstream != removed).ToArray();

        var moved = 0;
        for (var i = 0; i < Clients; i++)
        {
            var context = TestUpstreams.Context(client: TestUpstreams.Client(i));
            var before = _policy.Pick(context, upstreams);
            var after = _policy.Pick(context, remaining);

            if (before != after)
            {
                Assert.Same(removed, before);
                moved++;
            }
        }

        Assert.InRange(moved, 1, Clients * (1.0 / UpstreamCount + 0.05));
    }

    [Fact]
    public void Pick_UpstreamAdded_OnlyClientsItWinsMoveToIt()
    {
        var upstreams = TestUpstreams.Equal(4);
        var added = TestUpstreams.Create("10.0.1.1:27015");
        UpstreamState[] grown = [.. upstreams, added];

        var moved = 0;
        for (var i = 0; i < Clients; i++)
        {
            var context = TestUpstreams.Context(client: TestUpstreams.Client(i));
            var after = _policy.Pick(context, grown);
            if (_policy.Pick(context, upstreams) != after)
            {
                Assert.Same(added, after);
                moved++;
            }
        }

        Assert.InRange(moved, Clients * 0.15, Clients * 0.25);
    }

    [Fact]
    public void Pick_SameClient_SameUpstreamAcrossInstancesAndOrder()
    {
        var addresses = Enumerable.Range(1, 7).Select(i => $"192.0.2.{i}:7777").ToArray();
        var onNodeA = addresses.Select(address => TestUpstreams.Create(address)).ToArray();
        var onNodeB = addresses.Reverse().Select(address => TestUpstreams.Create(address)).ToArray();
        var otherPolicy = new HashClientIpBalancingPolicy();

        for (var i = 0; i < 1_000; i++)
        {
            var client = TestUpstreams.Client(i * 7919);
            var pickedOnA = _policy.Pick(TestUpstreams.Context(client: client), onNodeA);
            var pickedOnB = otherPolicy.Pick(TestUpstreams.Context(client: IPAddress.Parse(client.ToString())), onNodeB);

            Assert.Equal(pickedOnA.Address, pickedOnB.Address);
        }
    }

    [Theory]
    [InlineData("1,1,1,1,1")]
    [InlineData("1,2,3,4")]
    [InlineData("1,9")]
    public void Pick_ManyClients_SharesByWeight(string weights)
    {
        var upstreams = TestUpstreams.Create(TestUpstreams.ParseWeights(weights));
        double totalWeight = upstreams.Sum(upstream => upstream.Weight);
        var counts = new int[upstreams.Length];

        for (var i = 0; i < Clients; i++)
        {
            var picked = _policy.Pick(TestUpstreams.Context(client: TestUpstreams.Client(i)), upstreams);
            counts[Array.IndexOf(upstreams, picked)]++;
        }

        for (var i = 0; i < upstreams.Length; i++)
        {
            Assert.InRange(counts[i] / (double)Clients, upstreams[i].Weight / totalWeight - 0.03, upstreams[i].Weight / totalWeight + 0.03);
        }
    }

    [Fact]
    public void Pick_Ipv4MappedToIpv6_SameUpstreamAsIpv4()
    {
        var upstreams = TestUpstreams.Equal(5);

        for (var i = 0; i < 1_000; i++)
        {
            var client = TestUpstreams.Client(i);
            Assert.Same(
                _policy.Pick(TestUpstreams.Context(client: client), upstreams),
                _policy.Pick(TestUpstreams.Context(client: client.MapToIPv6()), upstreams));
        }
    }

    [Fact]
    public void Pick_Ipv6Clients_SpreadOverAllUpstreams()
    {
        var upstreams = TestUpstreams.Equal(3);
        var seen = new HashSet<UpstreamState>();

        for (var i = 0; i < 100; i++)
        {
            seen.Add(_policy.Pick(TestUpstreams.Context(client: IPAddress.Parse($"2001:db8::{i:x}")), upstreams));
        }

        Assert.Equal(3, seen.Count);
    }
}
