namespace RelayCluster.Core.Configuration;

/// <summary>Binds <c>relay.rules.&lt;name&gt;.health</c>: the check, its timing, the udp probe or preset, and passive checks.</summary>
internal static class HealthConfigBinder
{
    public static HealthConfig Bind(ConfigSection health, RuleProtocol protocol)
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

        var probe = health.Section("udp-probe");
        var udpProbe = UdpProbeConfigBinder.Bind(probe);
        var preset = health.Enum("preset", HealthPreset.None);
        if (preset != HealthPreset.None)
        {
            CheckPreset(health, probe, check, ConfigNames.Of(preset));
        }

        return new HealthConfig
        {
            Check = check,
            Interval = interval,
            Timeout = timeout,
            Rise = health.Int("rise", HealthConfig.DefaultRise, 1, HealthConfig.MaxRiseOrFall),
            Fall = health.Int("fall", HealthConfig.DefaultFall, 1, HealthConfig.MaxRiseOrFall),
            UdpProbe = udpProbe,
            Preset = preset,
            Passive = BindPassive(health.Section("passive"), protocol, check),
        };
    }

    private static void CheckPreset(ConfigSection health, ConfigSection probe, HealthCheckKind check, string preset)
    {
        if (check != HealthCheckKind.UdpProbe)
        {
            health.Error(health.PositionOf("preset"), "preset", $"{preset} is a udp probe; set check = udp-probe to use it");
        }

        foreach (var key in (ReadOnlySpan<string>)["send", "expect"])
        {
            if (probe.Field(key) is not null)
            {
                probe.Error(probe.PositionOf(key), key, $"preset {preset} sets what the probe sends and expects; remove udp-probe.{key}, or the preset");
            }
        }
    }

    private static PassiveHealthConfig BindPassive(ConfigSection passive, RuleProtocol protocol, HealthCheckKind check)
    {
        var replyTimeout = passive.Duration("udp-reply-timeout", TimeSpan.Zero, allowZero: true);
        if (replyTimeout > TimeSpan.Zero && protocol == RuleProtocol.Tcp)
        {
            passive.Error(passive.PositionOf("udp-reply-timeout"), "udp-reply-timeout", "watches udp sessions; a tcp rule cannot use it");
        }
        else if (replyTimeout > TimeSpan.Zero && check == HealthCheckKind.None)
        {
            passive.Error(passive.PositionOf("udp-reply-timeout"), "udp-reply-timeout", "needs an active check to make the upstream healthy again; set check = udp-probe or tcp-connect");
        }

        return new PassiveHealthConfig { UdpReplyTimeout = replyTimeout };
    }
}
