using System.Net;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>Binds a rule's <c>upstreams</c>: each a <c>"host:port"</c> string or an <c>{ address, weight }</c> object.</summary>
internal static class UpstreamBinder
{
    private const string Shapes = "\"host:port\" or { address = \"host:port\", weight = N }";

    /// <summary>The rule's upstreams; none may be the rule's own listen address.</summary>
    /// <param name="rule">The rule's section.</param>
    /// <param name="listen">The rule's listen address; null when it is wrong.</param>
    /// <param name="token">The rule's token routing, which each upstream's <c>tokens</c> must fit; null when the rule has none.</param>
    public static IReadOnlyList<UpstreamConfig> Bind(ConfigSection rule, IPEndPoint? listen, TokenConfig? token = null)
    {
        var upstreams = new List<UpstreamConfig>();
        var tokenOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = rule.Items("upstreams");
        if (items.Count == 0)
        {
            rule.Error(rule.PositionOf("upstreams"), "upstreams", $"a rule needs at least one upstream: {Shapes}");
        }

        foreach (var (item, path) in items)
        {
            if (BindOne(rule.Context, item, path, listen, token, tokenOwners) is not { } upstream)
            {
                continue;
            }

            if (upstreams.Any(other => string.Equals(other.Address, upstream.Address, StringComparison.OrdinalIgnoreCase)))
            {
                rule.Context.Error(item.Position, path, $"'{upstream.Address}' is listed twice; an upstream's address names it, so each may appear once (raise its weight instead)");
                continue;
            }

            upstreams.Add(upstream);
        }

        return upstreams;
    }

    private static UpstreamConfig? BindOne(
        BindContext context, HoconValue item, string path, IPEndPoint? listen, TokenConfig? token, Dictionary<string, string> tokenOwners)
    {
        string? address;
        ConfigSection? section = null;
        var weight = UpstreamConfig.DefaultWeight;
        var addressPosition = item.Position;
        var addressPath = path;
        if (item is HoconObject value)
        {
            var upstream = section = context.Section(path, value, value.Position);
            address = upstream.String("address");
            addressPosition = upstream.PositionOf("address");
            addressPath = upstream.PathOf("address");
            weight = upstream.Int("weight", UpstreamConfig.DefaultWeight, 1, UpstreamConfig.MaxWeight);
            if (address is null && upstream.Field("address") is null)
            {
                context.Error(value.Position, addressPath, "missing; an upstream object needs address = \"host:port\"");
            }
        }
        else if (!ConfigSection.TryGetText(item, out address))
        {
            context.Error(item.Position, path, $"expected {Shapes}, got {BindContext.Describe(item)}");
        }

        if (address is null)
        {
            return null;
        }

        if (!AddressSyntax.TryParseHostPort(address, out var host, out var port, out var reason))
        {
            context.Error(addressPosition, addressPath, $"expected host:port such as 10.0.0.11:27015, [2001:db8::11]:27015 or game-1.internal:27015, got '{address}' ({reason})");
            return null;
        }

        if (listen is not null && UpstreamLoops.ReachesListen(listen, host, port))
        {
            context.Error(addressPosition, addressPath, $"'{address}' is the rule's own listen address ({listen}): every session would connect back into the rule; point it at the service, or at another rule's listen address to chain rules");
            return null;
        }

        var tokens = section is null ? [] : TokenBinder.BindTokens(context, section, token, address, tokenOwners);
        return new UpstreamConfig { Address = address, Host = host, Port = port, Weight = weight, Tokens = tokens };
    }
}
