using System.Net;

namespace RelayCluster.Node.Tests.Sessions;

/// <summary>
/// A PROXY protocol v2 header as an upstream reads it, decoded here straight from the HAProxy specification
/// (doc/proxy-protocol.txt, section 2.2) and on purpose without the relay's own decoder, so a mistake shared by the
/// relay's writer and decoder cannot hide.
/// </summary>
internal sealed record ProxyV2Frame(int Command, int Family, int Transport, IPEndPoint Source, IPEndPoint Destination, int Length)
{
    public const int AfInet = 1;
    public const int AfInet6 = 2;
    public const int Stream = 1;
    public const int Datagram = 2;

    private static readonly byte[] s_signature = "\r\n\r\n\0\r\nQUIT\n"u8.ToArray();

    /// <summary>Whether <paramref name="data"/> starts with the 12-byte v2 signature.</summary>
    public static bool StartsWithSignature(ReadOnlySpan<byte> data) => data.StartsWith(s_signature);

    /// <summary>The whole header's length once its 16 fixed bytes are there, else null.</summary>
    public static int? LengthOf(ReadOnlySpan<byte> data) => data.Length < 16 ? null : 16 + ((data[14] << 8) | data[15]);

    /// <summary>Decodes the header at the start of <paramref name="data"/>; throws with the reason when it is not a valid PROXY header.</summary>
    public static ProxyV2Frame Decode(ReadOnlySpan<byte> data)
    {
        if (!StartsWithSignature(data))
        {
            throw new InvalidDataException($"No v2 signature: {Convert.ToHexString(data[..Math.Min(16, data.Length)])}");
        }

        var length = LengthOf(data) ?? throw new InvalidDataException($"Only {data.Length} bytes, fewer than the 16 fixed ones.");
        if (data.Length < length)
        {
            throw new InvalidDataException($"The header says {length} bytes, {data.Length} are there.");
        }

        var version = data[12] >> 4;
        var command = data[12] & 0xF;
        if (version != 2 || command != 1)
        {
            throw new InvalidDataException($"Expected version 2 and the PROXY command, got version {version} and command {command}.");
        }

        var family = data[13] >> 4;
        var transport = data[13] & 0xF;
        var addressLength = family switch
        {
            AfInet => 4,
            AfInet6 => 16,
            _ => throw new InvalidDataException($"Expected AF_INET or AF_INET6, got family {family}."),
        };

        // src_addr, dst_addr, src_port, dst_port, all in network byte order.
        var block = data[16..length];
        if (block.Length < (2 * addressLength) + 4)
        {
            throw new InvalidDataException($"An address block of {block.Length} bytes is too short for family {family}.");
        }

        var source = new IPAddress(block[..addressLength]);
        var destination = new IPAddress(block.Slice(addressLength, addressLength));
        var ports = block[(2 * addressLength)..];
        var sourcePort = (ports[0] << 8) | ports[1];
        var destinationPort = (ports[2] << 8) | ports[3];
        return new ProxyV2Frame(command, family, transport, new IPEndPoint(source, sourcePort), new IPEndPoint(destination, destinationPort), length);
    }
}
