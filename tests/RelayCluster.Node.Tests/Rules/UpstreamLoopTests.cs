using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Rules;

/// <summary>
/// An upstream given as a DNS name, or a rule whose wildcard listen takes the node's address, can only be seen to point
/// back at the rule once resolved: the node refuses it then, at start and on a reload.
/// </summary>
public class UpstreamLoopTests
{
    [Fact]
    public async Task Start_UpstreamNameResolvesToTheRulesOwnListenAddress_NodeRefusesToStartAndSaysWhy()
    {
        var port = FreePorts.Next();
        var rule = NodeFixture.TcpRule([]) with { Listen = new IPEndPoint(IPAddress.Loopback, port), Upstreams = [Named("localhost", port)] };
        var config = new RelayConfig { Node = new NodeConfig { Id = "test-node" }, Rules = [rule] };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RelayNode.StartAsync(config, NullLoggerFactory.Instance, new SessionBudget(1_000)));

        Assert.Contains($"upstream 'localhost:{port}' is 127.0.0.1:{port}, the rule's own listen address", error.Message, StringComparison.Ordinal);
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Start_WildcardListenTakesTheNodeAddressThatAnUpstreamNames_NodeRefusesToStart()
    {
        var port = FreePorts.Next();
        var nodeAddress = IPAddress.Parse("127.0.0.7");
        var rule = NodeFixture.TcpRule([]) with { Listen = new IPEndPoint(IPAddress.Any, port), Upstreams = [Named("127.0.0.7", port)] };
        var config = new RelayConfig { Node = new NodeConfig { Id = "test-node", ListenAddress = nodeAddress }, Rules = [rule] };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RelayNode.StartAsync(config, NullLoggerFactory.Instance, new SessionBudget(1_000)));

        Assert.Contains($"the rule's own listen address (127.0.0.7:{port})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_UpstreamNameResolvesToTheRulesOwnListenAddress_RejectedAndTheRunningRuleKeepsRelaying()
    {
        await using var echo = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([echo.EndPoint]);
        await using var relay = await NodeFixture.StartAsync(rule);
        using var peer = new UdpPeer(relay.Listen);
        Assert.NotNull(await peer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));

        var looped = rule with { Upstreams = [.. rule.Upstreams, Named("localhost", relay.Listen.Port)] };
        var failures = await relay.Node.ApplyRulesAsync([looped]);

        var failure = Assert.Single(failures);
        Assert.Contains($"upstream 'localhost:{relay.Listen.Port}' is 127.0.0.1:{relay.Listen.Port}, the rule's own listen address", failure, StringComparison.Ordinal);
        Assert.Single(relay.Rule.Upstreams);
        Assert.NotNull(await peer.RoundTripAsync([2], TimeSpan.FromSeconds(5)));
        Assert.Empty(relay.Rule.Counters.SessionsClosed);
    }

    private static UpstreamConfig Named(string host, int port) => new() { Address = $"{host}:{port}", Host = host, Port = port };
}
