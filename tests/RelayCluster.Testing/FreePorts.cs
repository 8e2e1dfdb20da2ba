using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Testing;

/// <summary>Free loopback TCP ports for processes that cannot bind port 0 and report back.</summary>
public static class FreePorts
{
    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (another process may still take it first).</summary>
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
