using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Admission;

/// <summary>
/// Sends from many distinct source addresses, as a spoofing flood does: Linux accepts any address of 127.0.0.0/8 as a
/// local source, so each source is a fresh socket bound to its own 127.b.c.d and an ephemeral port.
/// </summary>
internal static class SpoofedSources
{
    private const int PerSubnet = 250;

    /// <summary>The address of source <paramref name="index"/>: 127.1.0.1, 127.1.0.2, ... 127.1.0.250, 127.1.1.1, ...</summary>
    public static IPAddress Address(int index)
    {
        var subnet = index / PerSubnet;
        return new IPAddress([127, (byte)(1 + (subnet / 256)), (byte)(subnet % 256), (byte)(1 + (index % PerSubnet))]);
    }

    /// <summary>Sends <paramref name="datagramsEach"/> datagrams to <paramref name="target"/> from each of <paramref name="count"/> sources, one socket at a time.</summary>
    public static void Send(int count, int datagramsEach, IPEndPoint target, CancellationToken stop)
    {
        var targetAddress = target.Serialize();
        ReadOnlySpan<byte> payload = [0xF1, 0x00, 0xD0];
        for (var i = 0; i < count && !stop.IsCancellationRequested; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(Address(i), 0));
            for (var j = 0; j < datagramsEach; j++)
            {
                socket.SendTo(payload, SocketFlags.None, targetAddress);
            }
        }
    }
}
