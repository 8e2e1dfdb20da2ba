using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Hosting;

/// <summary>Turns configured upstream addresses (IP literals or DNS names) into endpoints.</summary>
internal static class UpstreamResolver
{
    /// <summary>The endpoint of <paramref name="upstream"/>; a DNS name resolves to its first IPv4 address, else its first address.</summary>
    public static async Task<IPEndPoint> ResolveAsync(UpstreamConfig upstream, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(upstream.Host, out var literal))
        {
            return new IPEndPoint(literal, upstream.Port);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(upstream.Host, cancellationToken);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"upstream '{upstream.Address}': cannot resolve '{upstream.Host}': {e.Message}", e);
        }

        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"upstream '{upstream.Address}': '{upstream.Host}' has no addresses");
        return new IPEndPoint(address, upstream.Port);
    }
}
