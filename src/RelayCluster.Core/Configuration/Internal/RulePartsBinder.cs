namespace RelayCluster.Core.Configuration;

/// <summary>Binds the parts of a rule: <c>session</c>, <c>health</c>, <c>access</c> and <c>rate-limit</c>.</summary>
internal static class RulePartsBinder
{
    public static SessionConfig BindSession(ConfigSection session, RuleProtocol protocol) => new()
    {
        IdleTimeout = session.Duration(
            "idle-timeout",
            protocol == RuleProtocol.Tcp ? SessionConfig.DefaultTcpIdleTimeout : SessionConfig.DefaultUdpIdleTimeout),
        Max = session.Int("max", SessionConfig.DefaultMax, 1, int.MaxValue),
        MaxPerClientIp = session.Int("max-per-client-ip", SessionConfig.DefaultMaxPerClientIp, 0, int.MaxValue),
        ReclaimAfter = session.Duration("reclaim-after", SessionConfig.DefaultReclaimAfter),
        MaxDatagram = (int)session.Size("max-datagram", SessionConfig.DefaultMaxDatagram, SessionConfig.MinMaxDatagram, SessionConfig.MaxMaxDatagram),
        ConnectTimeout = session.Duration("connect-timeout", SessionConfig.DefaultConnectTimeout),
        ConnectAttempts = session.Int("connect-attempts", SessionConfig.DefaultConnectAttempts, 1, SessionConfig.MaxConnectAttempts),
        BufferSize = (int)session.Size("buffer-size", SessionConfig.DefaultBufferSize, SessionConfig.MinBufferSize, SessionConfig.MaxBufferSize),
        OnUpstreamDown = BindOnUpstreamDown(session, protocol),
        Affinity = BindAffinity(session, protocol),
    };

    public static HealthConfig BindHealth(ConfigSection health, RuleProtocol protocol) => HealthConfigBinder.Bind(health, protocol);

    public static AccessConfig BindAccess(ConfigSection access) => new()
    {
        Allow = BindRanges(access, "allow"),
        Deny = BindRanges(access, "deny"),
    };

    public static RateLimitConfig BindRateLimit(ConfigSection rateLimit) => new()
    {
        PacketsPerSecond = rateLimit.Long("packets-per-second", 0, 0, long.MaxValue),
        BytesPerSecond = rateLimit.Size("bytes-per-second", 0, 0, long.MaxValue),
        Burst = rateLimit.Long("burst", 0, 0, long.MaxValue),
        MaxClients = rateLimit.Int("max-clients", RateLimitConfig.DefaultMaxClients, 1, RateLimitConfig.MaxMaxClients),
    };

    private static UpstreamDownAction BindOnUpstreamDown(ConfigSection session, RuleProtocol protocol)
    {
        var action = session.Enum("on-upstream-down", UpstreamDownAction.Keep);
        if (action == UpstreamDownAction.Rebind && protocol == RuleProtocol.Tcp)
        {
            session.Error(session.PositionOf("on-upstream-down"), "on-upstream-down", "rebind moves udp sessions; a tcp connection cannot move to another upstream, so a tcp rule can only keep");
            return UpstreamDownAction.Keep;
        }

        return action;
    }

    private static SessionAffinity BindAffinity(ConfigSection session, RuleProtocol protocol)
    {
        var tcp = protocol == RuleProtocol.Tcp;
        var affinity = session.Enum("affinity", tcp ? SessionAffinity.Node : SessionAffinity.Cluster);
        if (affinity == SessionAffinity.Cluster && tcp)
        {
            session.Error(session.PositionOf("affinity"), "affinity", "cluster affinity keeps a udp client's upstream on another node; a tcp client reconnects from a new port, so a tcp rule can only be node");
            return SessionAffinity.Node;
        }

        return affinity;
    }

    private static List<CidrRange> BindRanges(ConfigSection access, string key)
    {
        var ranges = new List<CidrRange>();
        foreach (var (item, path) in access.Items(key))
        {
            if (!ConfigSection.TryGetText(item, out var text))
            {
                access.Context.Error(item.Position, path, $"expected a network such as \"203.0.113.0/24\", got {BindContext.Describe(item)}");
            }
            else if (CidrRange.TryParse(text, out var range, out var reason))
            {
                ranges.Add(range);
            }
            else
            {
                access.Context.Error(item.Position, path, $"'{text}' {reason}");
            }
        }

        return ranges;
    }
}
