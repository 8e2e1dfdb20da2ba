using System.Net;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>
/// Finds rules that cannot both bind: the same protocol on the same port with overlapping addresses.
/// A wildcard overlaps every address of its family, and [::] every address, since the node binds it dual-stack.
/// udp and tcp on one port do not conflict; port 0 (any free port) never does.
/// </summary>
internal static class ListenConflicts
{
    public static void Check(BindContext context, IReadOnlyList<(RuleConfig Rule, HoconPosition ListenPosition)> rules, AdminConfig? admin)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            var (rule, position) = rules[i];
            var path = $"{RuleSetBinder.Path}.{rule.Name}.listen";
            for (var j = 0; j < i; j++)
            {
                var earlier = rules[j].Rule;
                if (earlier.Protocol == rule.Protocol && Overlap(earlier.Listen, rule.Listen))
                {
                    var protocol = ConfigNames.Of(rule.Protocol);
                    context.Error(position, path, $"{protocol} {rule.Listen} overlaps rule '{earlier.Name}' ({protocol} {earlier.Listen}); two {protocol} rules cannot share a port");
                    break;
                }
            }

            if (admin is not null && rule.Protocol == RuleProtocol.Tcp && Overlap(admin.Bind, rule.Listen))
            {
                context.Error(position, path, $"tcp {rule.Listen} overlaps the admin API at relay.node.admin.bind ({admin.Bind})");
            }
        }
    }

    /// <summary>Whether two endpoints of the same protocol cannot both be bound.</summary>
    public static bool Overlap(IPEndPoint left, IPEndPoint right)
    {
        if (left.Port == 0 || left.Port != right.Port)
        {
            return false;
        }

        var a = Normalize(left.Address);
        var b = Normalize(right.Address);
        return a.Equals(b)
            || a.Equals(IPAddress.IPv6Any) || b.Equals(IPAddress.IPv6Any)
            || (a.Equals(IPAddress.Any) && b.AddressFamily == a.AddressFamily)
            || (b.Equals(IPAddress.Any) && a.AddressFamily == b.AddressFamily);
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
