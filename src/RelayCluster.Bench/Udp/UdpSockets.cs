using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Bench.Udp;

/// <summary>Creates the UDP sockets the bench commands use, with large buffers and optional SO_REUSEPORT.</summary>
internal static class UdpSockets
{
    private const int SolSocket = 1;
    private const int SoReusePort = 15;
    private const int BufferBytes = 4 * 1024 * 1024;

    /// <summary>Whether several sockets can share one port with the kernel spreading flows across them.</summary>
    public static bool CanReusePort => OperatingSystem.IsLinux();

    public static Socket Bind(IPEndPoint endPoint, bool reusePort)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            SetBuffers(socket);
            if (reusePort)
            {
                socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            }

            socket.Bind(endPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static Socket Connect(IPEndPoint target)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            SetBuffers(socket);
            socket.Connect(target);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void SetBuffers(Socket socket)
    {
        // The kernel caps these at net.core.[rw]mem_max; asking for more is harmless.
        socket.ReceiveBufferSize = BufferBytes;
        socket.SendBufferSize = BufferBytes;
    }
}
