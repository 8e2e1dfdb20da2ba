using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Health;
using RelayCluster.Node.Health.Internal;

namespace RelayCluster.Node.Health;

/// <summary>
/// The base of the udp probes: one connected socket per probe, one deadline for the whole exchange, and socket
/// failures turned into results (ICMP port unreachable is <see cref="HealthFailureReason.Refused"/>).
/// </summary>
internal abstract class DatagramProbe : IHealthProbe
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a probe whose whole exchange must end within <paramref name="timeout"/>.</summary>
    protected DatagramProbe(TimeSpan timeout, TimeProvider? timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Timeout = timeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long the whole exchange may take.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public async ValueTask<ProbeResult> ProbeAsync(IPEndPoint upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        using var deadline = new ProbeDeadline(Timeout, _timeProvider, cancellationToken);
        try
        {
            using var socket = new ProbeSocket(upstream);
            return await ExchangeAsync(socket, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            return deadline.TimedOut("reply");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            return ProbeResult.Failed(HealthFailureReason.Refused, "port unreachable");
        }
        catch (SocketException e)
        {
            return ProbeResult.Failed(HealthFailureReason.Error, ProbeText.SocketError(e));
        }
    }

    /// <summary>Sends the probe's datagrams and judges the replies; cancelled when the deadline passes.</summary>
    protected abstract ValueTask<ProbeResult> ExchangeAsync(ProbeSocket socket, CancellationToken cancellationToken);
}
