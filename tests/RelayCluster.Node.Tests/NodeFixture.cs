using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests;

/// <summary>An in-process relay node on loopback with one UDP rule named "test".</summary>
internal sealed class NodeFixture : IAsyncDisposable
{
    static NodeFixture()
    {
        // The test host keeps several thread-pool threads blocked while it runs tests. With the default minimum of one
        // thread per core, work queued to the pool (the async UDP path, echo upstreams, actors) then waits up to a
        // second for the pool to add a thread (measured on two cores), and timing tests would measure the host.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(completionPorts, 16));
    }

    private NodeFixture(RelayNode node) => Node = node;

    public RelayNode Node { get; }

    public RelayRule Rule => Node.Rule("test");

    public UdpListener Udp => (UdpListener)Rule.Listener;

    public TcpRelayListener Tcp => (TcpRelayListener)Rule.Listener;

    public IPEndPoint Listen => Rule.Listener.LocalEndPoint;

    public static RuleConfig UdpRule(IEnumerable<IPEndPoint> upstreams, SessionConfig? session = null, string balance = "round-robin") => new()
    {
        Name = "test",
        Protocol = RuleProtocol.Udp,
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
        Upstreams = upstreams.Select(u => new UpstreamConfig { Address = u.ToString(), Host = u.Address.ToString(), Port = u.Port }).ToList(),
        Balance = balance,
        Session = session ?? new SessionConfig(),
    };

    public static RuleConfig TcpRule(IEnumerable<IPEndPoint> upstreams, SessionConfig? session = null, string balance = "round-robin") =>
        UdpRule(upstreams, session ?? new SessionConfig { IdleTimeout = SessionConfig.DefaultTcpIdleTimeout }, balance) with { Protocol = RuleProtocol.Tcp };

    public static Task<NodeFixture> StartAsync(IPEndPoint upstream, SessionConfig? session = null, UdpIo udpIo = UdpIo.Default) =>
        StartAsync(UdpRule([upstream], session), udpIo: udpIo);

    public static async Task<NodeFixture> StartAsync(RuleConfig rule, SessionBudget? budget = null, UdpIo udpIo = UdpIo.Default, TcpIo tcpIo = TcpIo.Default)
    {
        var config = new RelayConfig { Node = new NodeConfig { Id = "test-node" }, Rules = [rule] };
        var node = await RelayNode.StartAsync(config, NullLoggerFactory.Instance, budget ?? new SessionBudget(100_000), udpIo, tcpIo);
        return new NodeFixture(node);
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
