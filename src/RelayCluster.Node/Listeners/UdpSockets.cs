using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using RelayCluster.Node.Internal;

namespace RelayCluster.Node.Listeners;

/// <summary>Creates the sockets of the UDP path.</summary>
internal static class UdpSockets
{
    private const int SocketBufferBytes = 4 * 1024 * 1024;

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

    /// <summary>A UDP socket connected to <paramref name="upstream"/> on an ephemeral local port.</summary>
    public static Socket Connect(IPEndPoint upstream)
    {
        var socket = NewSocket(upstream.AddressFamily);
        try
        {
            socket.Connect(upstream);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A UDP socket connected to <paramref name="upstream"/> on an ephemeral local port, as a bare descriptor (Linux):
    /// an epoll worker's session only sends and receives on it directly, so it needs neither a <see cref="Socket"/> nor
    /// the async context a <see cref="Socket"/> creates when it connects (together about 300 bytes per session).
    /// </summary>
    public static unsafe SafeSocketHandle ConnectBare(IPEndPoint upstream)
    {
        var family = upstream.AddressFamily == AddressFamily.InterNetworkV6 ? LinuxSockets.AfInet6 : LinuxSockets.AfInet;
        var fd = LinuxSockets.Socket(family, LinuxSockets.SockDgram | LinuxSockets.SockCloexec, 0);
        if (fd < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        try
        {
            var size = SocketBufferBytes;
            var address = upstream.Serialize();
            fixed (byte* native = address.Buffer.Span)
            {
                if (LinuxSockets.SetOption(fd, LinuxSockets.SolSocket, LinuxSockets.SoRcvBuf, &size, sizeof(int)) != 0
                    || LinuxSockets.SetOption(fd, LinuxSockets.SolSocket, LinuxSockets.SoSndBuf, &size, sizeof(int)) != 0
                    || LinuxSockets.Connect(fd, native, (uint)address.Size) != 0)
                {
                    throw new SocketException(Marshal.GetLastPInvokeError());
                }
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>A copy of <paramref name="address"/> that the receive loop may keep after reusing its own.</summary>
    public static SocketAddress Copy(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }

    private static Socket NewSocket(AddressFamily family)
    {
        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        if (family == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true;
        }

        socket.ReceiveBufferSize = SocketBufferBytes;
        socket.SendBufferSize = SocketBufferBytes;
        return socket;
    }
}
