using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Health.Internal;

/// <summary>
/// RakNet's unconnected ping and pong, which Minecraft Bedrock servers answer before any connection:
/// ping <c>01 | time (8, big endian) | magic (16) | client GUID (8)</c>,
/// pong <c>1C | the ping's time (8) | server GUID (8) | magic (16) | server id string</c>.
/// </summary>
internal static class RakNetPing
{
    public const byte UnconnectedPing = 0x01;
    public const byte UnconnectedPong = 0x1C;
    public const int PingLength = 1 + 8 + 16 + 8;
    public const int MinPongLength = 1 + 8 + 8 + 16;

    private const int PongMagicOffset = 1 + 8 + 8;

    /// <summary>The offline message id that marks RakNet messages sent outside a connection.</summary>
    public static ReadOnlySpan<byte> Magic =>
        [0x00, 0xFF, 0xFF, 0x00, 0xFE, 0xFE, 0xFE, 0xFE, 0xFD, 0xFD, 0xFD, 0xFD, 0x12, 0x34, 0x56, 0x78];

    /// <summary>An unconnected ping carrying <paramref name="time"/> from the client <paramref name="clientGuid"/>.</summary>
    public static byte[] Ping(long time, long clientGuid)
    {
        var ping = new byte[PingLength];
        ping[0] = UnconnectedPing;
        BinaryPrimitives.WriteInt64BigEndian(ping.AsSpan(1), time);
        Magic.CopyTo(ping.AsSpan(9));
        BinaryPrimitives.WriteInt64BigEndian(ping.AsSpan(25), clientGuid);
        return ping;
    }

    /// <summary>
    /// The players and max players in a pong's server id string, which Bedrock servers send after its length (2 bytes,
    /// big endian) as <c>MCPE;motd;protocol;version;players;max players;...</c>; null when it has none.
    /// </summary>
    public static UpstreamCapacity? ReadCapacity(ReadOnlySpan<byte> pong)
    {
        var idOffset = PongMagicOffset + Magic.Length;
        if (pong.Length < idOffset + 2)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(pong[idOffset..]);
        var id = pong[(idOffset + 2)..];
        var fields = Encoding.UTF8.GetString(id[..Math.Min(length, id.Length)]).Split(';');
        return fields.Length > 5
            && int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var players)
            && int.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            ? new UpstreamCapacity(players, max)
            : null;
    }

    /// <summary>Why <paramref name="reply"/> is not a pong to the ping that carried <paramref name="time"/>; null when it is.</summary>
    public static string? CheckPong(ReadOnlySpan<byte> reply, long time)
    {
        if (reply.Length < MinPongLength || reply[0] != UnconnectedPong)
        {
            return $"reply {ProbeText.Preview(reply)} is not an unconnected pong (1C, at least {MinPongLength} bytes)";
        }

        if (!reply.Slice(PongMagicOffset, Magic.Length).SequenceEqual(Magic))
        {
            return "the pong does not carry RakNet's offline magic";
        }

        var echoed = BinaryPrimitives.ReadInt64BigEndian(reply[1..]);
        return echoed == time ? null : $"the pong carries time {echoed}, not the ping's {time}";
    }
}
