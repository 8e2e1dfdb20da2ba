using System.Net;
using RelayCluster.Core.Balancing;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>Binds one rule, <c>relay.rules.&lt;name&gt;</c>.</summary>
internal static class RuleConfigBinder
{
    /// <summary>The rule, with where its listen address was written; null when a required key is missing or wrong (which is reported).</summary>
    public static (RuleConfig Rule, HoconPosition ListenPosition)? Bind(BindContext context, string name, HoconField field)
    {
        var path = $"{RuleSetBinder.Path}.{name}";
        if (field.Value is not HoconObject value)
        {
            context.Error(field.Value.Position, path, $"expected a rule object {{ protocol = udp, listen = \"0.0.0.0:27015\", upstreams = [...] }}, got {BindContext.Describe(field.Value)}");
            return null;
        }

        var rule = context.Section(path, value, field.KeyPosition);
        if (!NameSyntax.IsRuleName(name))
        {
            context.Error(field.KeyPosition, path, $"a rule name must be 1 to {NameSyntax.MaxRuleNameLength} letters, digits, '-' or '_', got '{name}'");
        }

        RuleProtocol? protocol = null;
        if (Required(rule, "protocol", "set protocol = udp or protocol = tcp") && rule.Enum("protocol", out RuleProtocol? written))
        {
            protocol = written;
        }

        var listen = Required(rule, "listen", "set listen to an IP address and port such as \"0.0.0.0:27015\"") ? rule.EndPoint("listen") : null;
        var token = TokenBinder.Bind(rule, protocol);
        var upstreams = Required(rule, "upstreams", "set upstreams = [\"host:port\", ...] with at least one upstream") ? UpstreamBinder.Bind(rule, listen, token) : null;

        // The rest is bound even when a required key is wrong, so that its mistakes are reported in the same run.
        var effectiveProtocol = protocol ?? RuleProtocol.Udp;

        var config = new RuleConfig
        {
            Name = name,
            Protocol = effectiveProtocol,
            Listen = listen ?? new IPEndPoint(IPAddress.Any, 0),
            Upstreams = upstreams ?? [],
            Balance = rule.OneOf("balance", BalancingPolicyNames.All, "balancing policy") ?? RuleConfig.DefaultBalance,
            LoadScope = rule.Enum("load-scope", LoadScope.Node),
            Session = RulePartsBinder.BindSession(rule.Section("session"), effectiveProtocol),
            Health = RulePartsBinder.BindHealth(rule.Section("health"), effectiveProtocol),
            Access = RulePartsBinder.BindAccess(rule.Section("access")),
            RateLimit = RulePartsBinder.BindRateLimit(rule.Section("rate-limit")),
            ProxyProtocol = rule.Enum("proxy-protocol", ProxyProtocolVersion.None),
            Tls = TlsConfigBinder.BindTls(rule, protocol),
            UpstreamTls = TlsConfigBinder.BindUpstreamTls(rule, protocol),
            Token = token,
            BusyPoll = BindBusyPoll(rule, protocol),
            Position = field.KeyPosition,
        };

        CheckCapacitySource(rule, config);
        return protocol is null || listen is null || upstreams is null ? null : (config, rule.PositionOf("listen"));
    }

    // most-free-slots balances on the players a game query probe reads; without one it would have nothing to go on.
    private static void CheckCapacitySource(ConfigSection rule, RuleConfig config)
    {
        if (config.Balance == BalancingPolicyNames.MostFreeSlots
            && config.Health.Preset is not (HealthPreset.A2sInfo or HealthPreset.MinecraftBedrock))
        {
            rule.Error(rule.PositionOf("balance"), "balance",
                "most-free-slots balances on the players that game servers report: set health { check = udp-probe, preset = a2s-info } (or preset = minecraft-bedrock)");
        }
    }

    private static TimeSpan BindBusyPoll(ConfigSection rule, RuleProtocol? protocol)
    {
        if (rule.Field("busy-poll") is null)
        {
            return RuleConfig.DefaultBusyPoll;
        }

        if (protocol == RuleProtocol.Tcp)
        {
            rule.Error(rule.PositionOf("busy-poll"), "busy-poll", "busy-poll sets how long a udp rule's epoll workers poll before they sleep; a tcp rule has no such setting, remove it");
            return RuleConfig.DefaultBusyPoll;
        }

        var busyPoll = rule.Duration("busy-poll", RuleConfig.DefaultBusyPoll, allowZero: true);
        if (busyPoll > RuleConfig.MaxBusyPoll)
        {
            rule.Error(rule.PositionOf("busy-poll"), "busy-poll", $"must be at most {DurationText.Format(RuleConfig.MaxBusyPoll)} (a longer window burns a core between datagrams), got {DurationText.Format(busyPoll)}");
            return RuleConfig.DefaultBusyPoll;
        }

        return busyPoll;
    }

    private static bool Required(ConfigSection rule, string key, string hint)
    {
        if (rule.Field(key) is not null)
        {
            return true;
        }

        rule.Error(rule.Position, key, $"missing; {hint}");
        return false;
    }
}
