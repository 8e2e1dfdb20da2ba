using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Benchmarks;

/// <summary>An in-process node with one UDP rule in front of a loopback echo, and a client socket talking through it.</summary>
internal sealed class RelayUnderTest : IAsyncDisposable
{
    private readonly LoopbackUdpEcho _echo = new();
    private readonly Socket _client = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _receive = new byte[65_536];
    private RelayNode? _node;

    public async Task StartAsync()
    {
        var rule = new RuleConfig
        {
            Name = "bench",
            Protocol = RuleProtocol.Udp,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Upstreams = [new UpstreamConfig { Address = _echo.EndPoint.ToString(), Host = "127.0.0.1", Port = _echo.EndPoint.Port }],
        };
        var config = new RelayConfig { Node = new NodeConfig { Id = "bench" }, Rules = [rule] };
        _node = await RelayNode.StartAsync(config, NullLoggerFactory.Instance, new SessionBudget(1000));
        _client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _client.Connect(_node.Rule("bench").Listener.LocalEndPoint);
        _client.ReceiveTimeout = 5000;
    }

    /// <summary>One datagram through the relay to the echo and back.</summary>
    public int RoundTrip(ReadOnlySpan<byte> payload)
    {
        _client.Send(payload);
        return _client.Receive(_receive);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _echo.Dispose();
    }
}
