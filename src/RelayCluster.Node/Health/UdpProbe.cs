using RelayCluster.Core.Configuration;
using RelayCluster.Core.Health;
using RelayCluster.Node.Health.Internal;

namespace RelayCluster.Node.Health;

/// <summary>Sends <c>udp-probe.send</c> and passes when the reply matches <c>udp-probe.expect</c> (a prefix or a pattern).</summary>
internal sealed class UdpProbe : DatagramProbe
{
    private readonly UdpProbeConfig _config;

    /// <summary>Creates a probe of <paramref name="config"/> that waits up to <paramref name="timeout"/> for the reply.</summary>
    public UdpProbe(UdpProbeConfig config, TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(timeout, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
    }

    /// <inheritdoc />
    protected override async ValueTask<ProbeResult> ExchangeAsync(ProbeSocket socket, CancellationToken cancellationToken)
    {
        await socket.SendAsync(_config.Send, cancellationToken);
        var reply = await socket.ReceiveAsync(cancellationToken);
        return ProbeReply.Check(_config, reply.Span);
    }
}
