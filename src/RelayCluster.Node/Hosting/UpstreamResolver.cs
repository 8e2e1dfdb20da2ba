using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Hosting;

/// <summary>Turns configured upstream addresses (IP literals or DNS names) into endpoints.</summary>
internal static class UpstreamResolver
{
    /// <summary>
    /// The endpoint of <paramref name="upstream"/>; a DNS name resolves to its first IPv4 address, else its first address.
    /// Throws when it is the rule's own <paramref name="listen"/> address: the config check cannot see where a name
    /// points, nor which address a wildcard listen takes on this node.
    /// </summary>
    public static async Task<IPEndPoint> ResolveAsync(UpstreamConfig upstream, IPEndPoint listen, CancellationToken cancellationToken)
    {
        var endPoint = await ResolveAsync(upstream, cancellationToken);
        if (UpstreamLoops.ReachesListen(listen, endPoint))
        {
            throw new InvalidOperationException(
                $"upstream '{upstream.Address}' is {endPoint}, the rule's own listen address ({listen}): every session would connect back into the rule");
        }

        return endPoint;
    }

    private static async Task<IPEndPoint> ResolveAsync(UpstreamConfig upstream, CancellationToken cancellationToken)
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
