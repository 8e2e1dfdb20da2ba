using System.Net;
using RelayCluster.Core.Balancing;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Listeners;

public sealed partial class UdpListener
{
    /// <summary>
    /// Token routing: a new peer's session goes to the upstream its first datagram's token names; a known peer's
    /// datagrams stay on its session's upstream unless <c>token.rebind</c> and the token names another. The token is
    /// cut off before forwarding when <c>token.strip</c>: a prefix by starting the frame later, a suffix by a shorter length.
    /// </summary>
    private void RouteByToken(TokenTable tokens, SocketAddress address, Span<byte> frame, int length, UdpEpollWorker? worker)
    {
        var config = tokens.Config;
        if (length < config.Length)
        {
            Rule.Counters.Dropped(DropReason.UnknownToken);
            return;
        }

        var routed = tokens.Find(frame.Slice(UdpSession.HeaderRoom, length));
        if (config.Strip)
        {
            frame = config.Position == TokenPosition.Prefix ? frame[config.Length..] : frame;
            length -= config.Length;
        }

        if (_sessions.TryGetValue(address, out var session))
        {
            if (routed is null || ReferenceEquals(routed, session.Upstream) || !config.Rebind)
            {
                if (Rule.Admission.AllowsDatagram(address, length))
                {
                    session.ForwardToUpstream(frame, length);
                }

                return;
            }

            session.Close(SessionCloseReason.TokenChanged);
        }
        else if (routed is null)
        {
            Rule.Counters.Dropped(DropReason.UnknownToken);
            return;
        }

        OpenSession(address, frame, length, worker, routed);
    }
}
