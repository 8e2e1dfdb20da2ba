using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using RelayCluster.Node.Tls;

namespace RelayCluster.Node.Sessions;

public sealed partial class TcpSession
{
    /// <summary>
    /// <see cref="RunAsync"/> for a rule with TLS: the client's handshake first (so a failed or idle handshake never
    /// costs an upstream connection), then the connect with failover, then the upstream's handshake, then both
    /// directions pumped through streams.
    /// </summary>
    private async Task<SessionCloseReason> RunTlsAsync(RuleTls tls)
    {
        Stream client = new NetworkStream(_client, ownsSocket: false);
        Stream? upstream = null;
        var pumping = false;
        try
        {
            if (tls.Server is { } server)
            {
                var clientTls = new TlsStream(client);
                client = clientTls;
                if (!await HandshakeAsync(token => clientTls.Ssl.AuthenticateAsServerAsync(server.ServerOptions(), token), tls.HandshakeTimeout))
                {
                    return IsClosed ? CloseReason ?? SessionCloseReason.Failed : SessionCloseReason.ClientTlsFailed;
                }
            }

            var socket = await ConnectAsync();
            if (socket is null)
            {
                return SessionCloseReason.UpstreamConnectFailed;
            }

            upstream = new NetworkStream(socket, ownsSocket: false);
            if (tls.ToUpstream && Upstream is { } chosen)
            {
                var upstreamTls = new TlsStream(upstream);
                upstream = upstreamTls;
                var options = tls.UpstreamOptions(chosen);
                if (!await HandshakeAsync(token => upstreamTls.Ssl.AuthenticateAsClientAsync(options, token), _rule.Config.Session.ConnectTimeout))
                {
                    return IsClosed ? CloseReason ?? SessionCloseReason.Failed : SessionCloseReason.UpstreamTlsFailed;
                }
            }

            var toUpstream = PumpStreamAsync(client, upstream, socket, TcpDirection.ToUpstream);
            var toClient = PumpStreamAsync(upstream, client, _client, TcpDirection.ToClient);
            pumping = true;
            _ = DisposeWhenDoneAsync(toUpstream, toClient, client, upstream);
            return await TcpPumpEnd.SessionEndAsync(toUpstream, toClient);
        }
        finally
        {
            if (!pumping)
            {
                await client.DisposeAsync();
                if (upstream is not null)
                {
                    await upstream.DisposeAsync();
                }
            }
        }
    }

    private async Task<bool> HandshakeAsync(Func<CancellationToken, Task> handshake, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await handshake(deadline.Token);
            Touch();
            return true;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Disposes the streams once neither pump uses them: after a reset the session returns before its second pump ends.</summary>
    private static async Task DisposeWhenDoneAsync(Task toUpstream, Task toClient, Stream client, Stream upstream)
    {
        await Task.WhenAll(toUpstream, toClient).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await client.DisposeAsync();
        await upstream.DisposeAsync();
    }
}
