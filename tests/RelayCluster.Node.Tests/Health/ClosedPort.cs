using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Health;

/// <summary>Finds a loopback port with nothing listening: bound by the system, then released.</summary>
internal static class ClosedPort
{
    public static IPEndPoint Udp() => Find(SocketType.Dgram, ProtocolType.Udp);

    public static IPEndPoint Tcp() => Find(SocketType.Stream, ProtocolType.Tcp);

    private static IPEndPoint Find(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }
}
