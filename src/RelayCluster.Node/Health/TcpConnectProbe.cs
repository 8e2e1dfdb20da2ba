using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Health;
using RelayCluster.Node.Health.Internal;

namespace RelayCluster.Node.Health;

/// <summary>Passes when a tcp connection to the upstream opens within the timeout, then closes it.</summary>
internal sealed class TcpConnectProbe : IHealthProbe
{
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a probe that waits up to <paramref name="timeout"/> for each connection.</summary>
    public TcpConnectProbe(TimeSpan timeout, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<ProbeResult> ProbeAsync(IPEndPoint upstream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        using var deadline = new ProbeDeadline(_timeout, _timeProvider, cancellationToken);
        using var socket = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(upstream, deadline.Token);
            return ProbeResult.Passed;
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            return deadline.TimedOut("connection");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return ProbeResult.Failed(HealthFailureReason.Refused, "connection refused");
        }
        catch (SocketException e)
        {
            return ProbeResult.Failed(HealthFailureReason.Error, ProbeText.SocketError(e));
        }
    }
}
