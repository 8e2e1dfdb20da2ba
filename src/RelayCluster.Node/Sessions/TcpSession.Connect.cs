using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Sessions;

public sealed partial class TcpSession
{
    private async Task<Socket?> ConnectAsync()
    {
        var attempts = _rule.Config.Session.ConnectAttempts;
        var timeout = _rule.Config.Session.ConnectTimeout;
        List<UpstreamState>? failed = null;
        byte[]? proxyHeader = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var upstream = _rule.PickUpstream(Client.Address, failed);
            if (upstream is null)
            {
                return null;
            }

            var socket = new Socket(upstream.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            lock (_gate)
            {
                if (_closed != 0)
                {
                    socket.Dispose();
                    return null;
                }

                // Close disposes the socket being connected, which ends the attempt at once.
                _connecting = socket;
            }

            using var attemptTimeout = new CancellationTokenSource(timeout);
            HealthFailureReason reason;
            string detail;
            try
            {
                await ConnectUpstreamAsync(socket, upstream.EndPoint, attemptTimeout.Token);
                if (_rule.Config.ProxyProtocol == ProxyProtocolVersion.V2)
                {
                    // Before the pumps start, so the header is the upstream's first bytes; sent again on each new connection.
                    proxyHeader ??= ProxyHeaders.ForConnection(Client, (IPEndPoint)_client.LocalEndPoint!);
                    await socket.SendAsync(proxyHeader, SocketFlags.None, attemptTimeout.Token);
                }

                lock (_gate)
                {
                    if (_closed != 0)
                    {
                        // Closed while connecting: Close already ran and could not see this socket.
                        socket.Dispose();
                        return null;
                    }

                    upstream.SessionOpened();
                    Volatile.Write(ref _upstream, upstream);
                    _upstreamSocket = socket;
                    _connecting = null;
                }

                Touch();
                return socket;
            }
            catch (Exception) when (IsClosed)
            {
                socket.Dispose();
                return null;
            }
            catch (OperationCanceledException)
            {
                (reason, detail) = (HealthFailureReason.Timeout, $"no answer within {timeout.TotalMilliseconds:0} ms");
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                (reason, detail) = (HealthFailureReason.Refused, "connection refused");
            }
            catch (SocketException e)
            {
                (reason, detail) = (HealthFailureReason.Error, e.SocketErrorCode.ToString());
            }

            socket.Dispose();
            (failed ??= []).Add(upstream);
            ConnectFailed?.Invoke(upstream, reason, detail);
        }

        return null;
    }
}
