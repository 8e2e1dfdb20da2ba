// Reads the binary PROXY protocol v2 header (https://github.com/haproxy/haproxy/blob/master/doc/proxy-protocol.txt)
// that a relay sends in front of what it forwards, so a server learns the real client address.
//
// This file is self-contained (System, System.Net and System.Buffers.Binary only): copy it into your server and
// change the namespace.
//
// UDP: every datagram from the relay starts with a header.
//     var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.IPv6Any, 0));
//     if (!ProxyV2Decoder.TryParse(buffer.AsSpan(0, received.ReceivedBytes), out var proxy))
//     {
//         continue; // not from the relay, or damaged: drop it (proxy.Error says why)
//     }
//     var client = proxy.Source ?? (IPEndPoint)received.RemoteEndPoint; // LOCAL (a health check) names no client
//     var payload = buffer.AsMemory(proxy.HeaderLength, received.ReceivedBytes - proxy.HeaderLength);
//     Reply to received.RemoteEndPoint (the relay) with no header; the relay passes the reply on to the client.
//
// TCP: the header comes once, before the client's first byte.
//     Read into a buffer until TryParse returns true, or returns false with an error other than Truncated (then
//     close the connection). A header is at most 16 + 65,535 bytes; RelayCluster sends 28 (IPv4) or 52 (IPv6).
//     Skip proxy.HeaderLength bytes; everything after them is the client's data.
//
// Accept headers only from the relay's addresses, never from anyone: a client that can send one can pretend to be
// any address.

using System.Buffers.Binary;
using System.Net;

namespace RelayCluster.Core.ProxyProtocol;

/// <summary>Parses a PROXY protocol v2 header at the start of a datagram or a connection's first bytes.</summary>
public static class ProxyV2Decoder
{
    private const int FixedLength = 16;

    /// <summary>The 12 bytes every v2 header starts with: <c>\r\n\r\n\0\r\nQUIT\n</c>.</summary>
    public static ReadOnlySpan<byte> Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    /// <summary>Reads the header at the start of <paramref name="data"/>; false, with <see cref="ProxyV2Result.Error"/> saying why, when there is no valid one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out ProxyV2Result result)
    {
        var prefix = Math.Min(data.Length, Signature.Length);
        if (!data[..prefix].SequenceEqual(Signature[..prefix]))
        {
            return Fail(ProxyV2Error.BadSignature, out result);
        }

        if (data.Length < FixedLength)
        {
            return Fail(ProxyV2Error.Truncated, out result);
        }

        if (data[12] >> 4 != 2)
        {
            return Fail(ProxyV2Error.UnsupportedVersion, out result);
        }

        var command = data[12] & 0x0F;
        if (command > (int)ProxyCommand.Proxy)
        {
            return Fail(ProxyV2Error.UnknownCommand, out result);
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(data[14..]);
        if (data.Length < FixedLength + length)
        {
            return Fail(ProxyV2Error.Truncated, out result);
        }

        // LOCAL: the relay itself connected (a health check); the family and any addresses are to be ignored.
        if (command == (int)ProxyCommand.Local)
        {
            result = new ProxyV2Result { Command = ProxyCommand.Local, HeaderLength = FixedLength + length };
            return true;
        }

        var family = data[13] >> 4;
        var transport = data[13] & 0x0F;
        if (family > 3)
        {
            return Fail(ProxyV2Error.UnknownFamily, out result);
        }

        if (transport > (int)ProxyTransport.Datagram)
        {
            return Fail(ProxyV2Error.UnknownTransport, out result);
        }

        result = new ProxyV2Result
        {
            Command = ProxyCommand.Proxy,
            Transport = (ProxyTransport)transport,
            HeaderLength = FixedLength + length,
        };

        // UNSPEC, AF_UNIX or an unspecified transport carry no IP address: the socket's own addresses stand.
        if (family is not (1 or 2) || transport == 0)
        {
            return true;
        }

        var addressSize = family == 1 ? 4 : 16;
        var addressBlock = (2 * addressSize) + 4;
        if (length < addressBlock)
        {
            return Fail(ProxyV2Error.AddressBlockTooShort, out result);
        }

        var body = data.Slice(FixedLength, length);
        if (!TlvsAreWellFormed(body[addressBlock..]))
        {
            return Fail(ProxyV2Error.MalformedTlv, out result);
        }

        var ports = body[(2 * addressSize)..];
        result = result with
        {
            Source = new IPEndPoint(new IPAddress(body[..addressSize]), BinaryPrimitives.ReadUInt16BigEndian(ports)),
            Destination = new IPEndPoint(new IPAddress(body.Slice(addressSize, addressSize)), BinaryPrimitives.ReadUInt16BigEndian(ports[2..])),
        };
        return true;
    }

    // Each TLV is a type byte, a big-endian length and that many bytes; none of them is needed here, so they are only checked to fit.
    private static bool TlvsAreWellFormed(ReadOnlySpan<byte> tlvs)
    {
        while (!tlvs.IsEmpty)
        {
            if (tlvs.Length < 3 || tlvs.Length < 3 + BinaryPrimitives.ReadUInt16BigEndian(tlvs[1..]))
            {
                return false;
            }

            tlvs = tlvs[(3 + BinaryPrimitives.ReadUInt16BigEndian(tlvs[1..]))..];
        }

        return true;
    }

    private static bool Fail(ProxyV2Error error, out ProxyV2Result result)
    {
        result = new ProxyV2Result { Error = error };
        return false;
    }
}

/// <summary>What a PROXY protocol v2 header says, or why it could not be read.</summary>
public readonly record struct ProxyV2Result
{
    /// <summary>Whether the relay forwards a client (<see cref="ProxyCommand.Proxy"/>) or connected itself (<see cref="ProxyCommand.Local"/>).</summary>
    public ProxyCommand Command { get; init; }

    /// <summary>The client's transport: stream (TCP) or datagram (UDP); unspecified for LOCAL.</summary>
    public ProxyTransport Transport { get; init; }

    /// <summary>The client's address and port; null when the header names none (LOCAL, UNSPEC, AF_UNIX).</summary>
    public IPEndPoint? Source { get; init; }

    /// <summary>The address and port the client sent to, the relay's listener; null when the header names none.</summary>
    public IPEndPoint? Destination { get; init; }

    /// <summary>How many bytes the header takes, TLVs included: skip them to reach the client's data.</summary>
    public int HeaderLength { get; init; }

    /// <summary>Why parsing failed; <see cref="ProxyV2Error.None"/> when it succeeded.</summary>
    public ProxyV2Error Error { get; init; }
}

/// <summary>The command in a PROXY protocol v2 header.</summary>
public enum ProxyCommand
{
    /// <summary>The relay opened the connection itself, e.g. for a health check; use the socket's own addresses.</summary>
    Local = 0,

    /// <summary>The relay forwards a client, whose addresses the header carries.</summary>
    Proxy = 1,
}

/// <summary>The transport protocol in a PROXY protocol v2 header.</summary>
public enum ProxyTransport
{
    /// <summary>Not given (LOCAL, or a protocol the sender does not describe).</summary>
    Unspecified = 0,

    /// <summary>SOCK_STREAM: TCP.</summary>
    Stream = 1,

    /// <summary>SOCK_DGRAM: UDP.</summary>
    Datagram = 2,
}

/// <summary>Why <see cref="ProxyV2Decoder.TryParse"/> found no valid header.</summary>
public enum ProxyV2Error
{
    /// <summary>The header is valid.</summary>
    None,

    /// <summary>The data does not start with the v2 signature: not a PROXY v2 header at all.</summary>
    BadSignature,

    /// <summary>The data ends before the header does; on a stream, read more and try again.</summary>
    Truncated,

    /// <summary>The version is not 2.</summary>
    UnsupportedVersion,

    /// <summary>The command is neither LOCAL nor PROXY.</summary>
    UnknownCommand,

    /// <summary>The address family is none of UNSPEC, AF_INET, AF_INET6 and AF_UNIX.</summary>
    UnknownFamily,

    /// <summary>The transport is none of UNSPEC, STREAM and DGRAM.</summary>
    UnknownTransport,

    /// <summary>The header's length is too short for the addresses and ports of its family.</summary>
    AddressBlockTooShort,

    /// <summary>A TLV after the addresses runs past the end of the header.</summary>
    MalformedTlv,
}
