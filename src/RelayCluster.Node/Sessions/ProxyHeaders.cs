using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.ProxyProtocol;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// The PROXY protocol v2 header of one session of a rule with <c>proxy-protocol = v2</c>. It names the client and the
/// address the client sent to, which stay the same for the session's life, so it is built once when the session opens.
/// </summary>
internal static class ProxyHeaders
{
    /// <summary>The header in front of a tcp connection: <paramref name="local"/> is the accepted socket's own address.</summary>
    public static byte[] ForConnection(IPEndPoint client, IPEndPoint local) => Build(client, local, ProxyTransport.Stream);

    /// <summary>
    /// The header in front of every datagram of a udp session. A socket on a wildcard address does not learn which of
    /// the node's addresses a datagram was sent to, so the header then names the wildcard address of the client's family.
    /// </summary>
    public static byte[] ForDatagrams(IPEndPoint client, IPEndPoint listen)
    {
        var destination = listen;
        if (listen.Address.Equals(IPAddress.IPv6Any) && (client.Address.IsIPv4MappedToIPv6 || client.Address.AddressFamily == AddressFamily.InterNetwork))
        {
            destination = new IPEndPoint(IPAddress.Any, listen.Port);
        }

        return Build(client, destination, ProxyTransport.Datagram);
    }

    private static byte[] Build(IPEndPoint client, IPEndPoint destination, ProxyTransport transport)
    {
        var header = new byte[ProxyV2Header.SizeOf(client, destination)];
        ProxyV2Header.Write(header, client, destination, transport);
        return header;
    }
}
