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
        MaxPerClientIp = session.Int("max-per-client-ip", SessionConfig.DefaultMaxPerClientIp, 1, int.MaxValue),
        MaxDatagram = (int)session.Size("max-datagram", SessionConfig.DefaultMaxDatagram, SessionConfig.MinMaxDatagram, SessionConfig.MaxMaxDatagram),
        ConnectTimeout = session.Duration("connect-timeout", SessionConfig.DefaultConnectTimeout),
        ConnectAttempts = session.Int("connect-attempts", SessionConfig.DefaultConnectAttempts, 1, SessionConfig.MaxConnectAttempts),
    };

    public static HealthConfig BindHealth(ConfigSection health, RuleProtocol protocol)
    {
        var check = health.Enum("check", HealthCheckKind.None);
        if (check == HealthCheckKind.UdpProbe && protocol == RuleProtocol.Tcp)
        {
            health.Error(health.PositionOf("check"), "check", "udp-probe checks udp upstreams; a tcp rule can use none or tcp-connect");
        }

        var interval = health.Duration("interval", HealthConfig.DefaultInterval);
        var timeout = health.Duration("timeout", HealthConfig.DefaultTimeout);
        if (timeout > interval)
        {
            health.Error(health.PositionOf("timeout"), "timeout", $"must be at most interval ({DurationText.Format(interval)}), got {DurationText.Format(timeout)}");
        }

        return new HealthConfig
        {
            Check = check,
            Interval = interval,
            Timeout = timeout,
            Rise = health.Int("rise", HealthConfig.DefaultRise, 1, HealthConfig.MaxRiseOrFall),
            Fall = health.Int("fall", HealthConfig.DefaultFall, 1, HealthConfig.MaxRiseOrFall),
            UdpProbe = BindUdpProbe(health.Section("udp-probe")),
        };
    }

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
    };

    private static UdpProbeConfig BindUdpProbe(ConfigSection probe) => new()
    {
        Send = BindPayload(probe, "send"),
        Expect = BindPayload(probe, "expect"),
    };

    private static byte[] BindPayload(ConfigSection probe, string key)
    {
        var text = probe.String(key);
        if (text is null)
        {
            return [];
        }

        if (ProbePayload.TryParse(text, out var bytes, out var reason))
        {
            return bytes;
        }

        probe.Error(probe.PositionOf(key), key, $"'{text}' {reason}; write text, or hex: and pairs of hex digits such as hex:FFFFFFFF");
        return [];
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
