using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Core.Configuration;

/// <summary>
/// Strict syntax of the addresses in a config. Stricter than <see cref="IPAddress.TryParse(string, out IPAddress)"/>,
/// which takes "1" for 0.0.0.1 and "10.1" for 10.0.0.1: a typo must be an error, not a surprising address.
/// </summary>
internal static class AddressSyntax
{
    private const int MaxDnsNameLength = 253;
    private const int MaxDnsLabelLength = 63;

    /// <summary>Parses a dotted-quad IPv4 address or an IPv6 address (without brackets).</summary>
    public static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        return IsDottedQuad(text) && IPAddress.TryParse(text, out address);
    }

    /// <summary>Parses <c>ipv4:port</c> or <c>[ipv6]:port</c> with a port from 0 to 65535.</summary>
    public static bool TryParseEndPoint(string text, [NotNullWhen(true)] out IPEndPoint? endPoint, [NotNullWhen(false)] out string? reason)
    {
        endPoint = null;
        if (!TrySplitHostPort(text, out var host, out var portText, out reason))
        {
            return false;
        }

        if (!TryParseAddress(host, out var address))
        {
            reason = $"'{host}' is not an IP address";
            return false;
        }

        if (!TryParsePort(portText, allowZero: true, out var port))
        {
            reason = $"the port '{portText}' is not a number from 0 to 65535";
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>Parses an upstream's <c>host:port</c>: host an IPv4 address, a bracketed IPv6 address or a DNS name; port 1 to 65535.</summary>
    public static bool TryParseHostPort(string text, [NotNullWhen(true)] out string? host, out int port, [NotNullWhen(false)] out string? reason)
    {
        port = 0;
        if (!TrySplitHostPort(text, out host, out var portText, out reason))
        {
            return false;
        }

        reason = text.StartsWith('[')
            ? host.Contains(':', StringComparison.Ordinal) && TryParseAddress(host, out _) ? null : $"'{host}' is not an IPv6 address"
            : LooksLikeIPv4(host)
                ? IsDottedQuad(host) && IPAddress.TryParse(host, out _) ? null : $"'{host}' is not a valid IPv4 address"
                : IsDnsName(host) ? null : $"'{host}' is not an IPv4 address, a bracketed IPv6 address or a DNS name";
        if (reason is not null)
        {
            host = null;
            return false;
        }

        if (!TryParsePort(portText, allowZero: false, out port))
        {
            reason = $"the port '{portText}' is not a number from 1 to 65535";
            host = null;
            return false;
        }

        return true;
    }

    private static bool TrySplitHostPort(string text, [NotNullWhen(true)] out string? host, [NotNullWhen(true)] out string? port, [NotNullWhen(false)] out string? reason)
    {
        host = null;
        port = null;
        int colon;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                reason = "an IPv6 address is written [address]:port";
                return false;
            }

            host = text[1..close];
            colon = close + 1;
        }
        else
        {
            colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                reason = "the port is missing";
                return false;
            }

            host = text[..colon];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                reason = "an IPv6 address needs brackets, as in [::1]:7000";
                host = null;
                return false;
            }
        }

        port = text[(colon + 1)..];
        reason = null;
        return true;
    }

    private static bool TryParsePort(string text, bool allowZero, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= IPEndPoint.MaxPort && (allowZero || port > 0);

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(part => part.Length is > 0 and <= 3 && part.All(char.IsAsciiDigit));
    }

    /// <summary>All digits and dots: meant as an IPv4 address, so it must not pass as a DNS name.</summary>
    private static bool LooksLikeIPv4(string text) => text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c == '.');

    private static bool IsDnsName(string text)
    {
        if (text.Length is 0 or > MaxDnsNameLength || LooksLikeIPv4(text))
        {
            return false;
        }

        foreach (var label in text.TrimEnd('.').Split('.'))
        {
            if (label.Length is 0 or > MaxDnsLabelLength || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
