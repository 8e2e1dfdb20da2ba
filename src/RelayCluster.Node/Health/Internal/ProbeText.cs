using System.Globalization;
using System.Net.Sockets;

namespace RelayCluster.Node.Health.Internal;

/// <summary>How probe details write durations, bytes and socket errors.</summary>
internal static class ProbeText
{
    private const int PreviewBytes = 16;

    /// <summary>A duration as config files write it: <c>500ms</c>, <c>2s</c>.</summary>
    public static string Duration(TimeSpan value) => value.Ticks % TimeSpan.TicksPerSecond == 0
        ? ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
        : value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    /// <summary>The first bytes of a datagram in hex, with its length when it is longer.</summary>
    public static string Preview(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        0 => "(empty)",
        <= PreviewBytes => Convert.ToHexString(bytes),
        _ => $"{Convert.ToHexString(bytes[..PreviewBytes])}... ({bytes.Length} bytes)",
    };

    /// <summary>A socket error as a short phrase, such as <c>socket error HostUnreachable</c>.</summary>
    public static string SocketError(SocketException exception) => $"socket error {exception.SocketErrorCode}";
}
