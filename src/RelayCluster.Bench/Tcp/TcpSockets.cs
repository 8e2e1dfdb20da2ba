using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Bench.Tcp;

/// <summary>Creates the TCP sockets the bench commands use: listeners with optional SO_REUSEPORT, connections without Nagle.</summary>
internal static class TcpSockets
{
    private const int SolSocket = 1;
    private const int SoReusePort = 15;
    private const int Backlog = 4096;

    /// <summary>Whether several listening sockets can share one port with the kernel spreading connections across them.</summary>
    public static bool CanReusePort => OperatingSystem.IsLinux();

    public static Socket Listen(IPEndPoint endPoint, bool reusePort)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (reusePort)
            {
                socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            }

            socket.Bind(endPoint);
            socket.Listen(Backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async Task<Socket> ConnectAsync(IPEndPoint target, CancellationToken cancellationToken)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
