using System.Net;
using System.Net.Sockets;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Listeners;

/// <summary>Binds the listen sockets of a UDP rule; a session opens its own upstream socket (<see cref="UdpSession.Open"/>).</summary>
internal static class UdpSockets
{
    // SOL_SOCKET / SO_REUSEPORT on Linux: the kernel spreads peers over the sockets by their address, so one peer's
    // datagrams always land on the same receive loop and keep their order.
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    /// <summary>Binds <paramref name="count"/> sockets to <paramref name="listen"/> (one on platforms without SO_REUSEPORT).</summary>
    public static Socket[] BindShared(IPEndPoint listen, int count)
    {
        if (!OperatingSystem.IsLinux())
        {
            count = 1;
        }

        var sockets = new Socket[count];
        var endPoint = listen;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = NewSocket(listen.AddressFamily);
                sockets[i] = socket;
                if (count > 1)
                {
                    socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
                }

                socket.Bind(endPoint);
                endPoint = (IPEndPoint)socket.LocalEndPoint!;
            }
        }
        catch
        {
            foreach (var socket in sockets)
            {
                socket?.Dispose();
            }

            throw;
        }

        return sockets;
    }

    private static Socket NewSocket(AddressFamily family)
    {
        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        if (family == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true;
        }

        socket.ReceiveBufferSize = UdpSession.SocketBufferBytes;
        socket.SendBufferSize = UdpSession.SocketBufferBytes;
        return socket;
    }
}
