using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Bench.Common;

/// <summary>Parses <c>a.b.c.d:port</c>, <c>[v6]:port</c> and <c>host:port</c> into an <see cref="IPEndPoint"/>.</summary>
internal static class EndPointParser
{
    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endPoint, [NotNullWhen(false)] out string? error)
    {
        endPoint = null;
        error = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            error = $"'{text}' is not an address; expected HOST:PORT, e.g. 127.0.0.1:7001 or [::1]:7001.";
            return false;
        }

        var host = text[..colon];
        if (host.Length > 2 && host[0] == '[' && host[^1] == ']')
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            error = $"'{text}' is ambiguous; write an IPv6 address in brackets, e.g. [::1]:7001.";
            return false;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            endPoint = new IPEndPoint(address, port);
            return true;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            address = Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        }
        catch (SocketException e)
        {
            error = $"host '{host}' cannot be resolved: {e.Message}";
            return false;
        }

        if (address is null)
        {
            error = $"host '{host}' has no address.";
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }
}
