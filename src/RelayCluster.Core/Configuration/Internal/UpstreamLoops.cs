using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Core.Configuration;

/// <summary>
/// Finds an upstream that is its own rule's listen address: every session would connect back into the rule and open
/// another one. A wildcard listen (<c>0.0.0.0</c>, or <c>[::]</c> which is bound dual-stack) is reached through any
/// loopback address of its family, and a connection to the unspecified address goes to this host too. Another rule's
/// listen address is fine: that chains two rules.
/// </summary>
public static class UpstreamLoops
{
    /// <summary>Whether connecting to <paramref name="host"/>:<paramref name="port"/> reaches <paramref name="listen"/>.</summary>
    public static bool ReachesListen(IPEndPoint listen, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (listen.Port == 0 || listen.Port != port)
        {
            return false;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return Reaches(listen.Address, IPAddress.Loopback) || Reaches(listen.Address, IPAddress.IPv6Loopback);
        }

        return IPAddress.TryParse(host, out var target) && Reaches(listen.Address, target);
    }

    /// <summary>Whether connecting to <paramref name="target"/> (a resolved upstream) reaches <paramref name="listen"/>.</summary>
    public static bool ReachesListen(IPEndPoint listen, IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(target);
        return listen.Port != 0 && listen.Port == target.Port && Reaches(listen.Address, target.Address);
    }

    private static bool Reaches(IPAddress listen, IPAddress target)
    {
        listen = Normalize(listen);
        target = Normalize(target);
        if (target.Equals(IPAddress.Any))
        {
            target = IPAddress.Loopback;
        }
        else if (target.Equals(IPAddress.IPv6Any))
        {
            target = IPAddress.IPv6Loopback;
        }

        if (listen.Equals(IPAddress.IPv6Any))
        {
            return IPAddress.IsLoopback(target);
        }

        if (listen.Equals(IPAddress.Any))
        {
            return target.AddressFamily == AddressFamily.InterNetwork && IPAddress.IsLoopback(target);
        }

        return listen.Equals(target);
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
