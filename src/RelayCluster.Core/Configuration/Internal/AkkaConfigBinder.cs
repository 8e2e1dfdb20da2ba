namespace RelayCluster.Core.Configuration;

/// <summary>Binds <c>relay.cluster.akka</c>.</summary>
internal static class AkkaConfigBinder
{
    public static AkkaClusterConfig Bind(ConfigSection akka, string? firstConfigFile)
    {
        var resolver = akka.Section("split-brain-resolver");
        var strategy = resolver.Enum("strategy", SplitBrainStrategy.KeepMajority);
        var quorum = resolver.Int("quorum-size", 2, 1, 1000);
        var stateDir = akka.String("state-dir") ?? AkkaClusterConfig.DefaultStateDir;
        if (stateDir.Length == 0)
        {
            akka.Error(akka.PositionOf("state-dir"), "state-dir", "expected a directory path such as \"relay-state\", got an empty string");
            stateDir = AkkaClusterConfig.DefaultStateDir;
        }

        var baseDirectory = firstConfigFile is { Length: > 0 } ? Path.GetDirectoryName(Path.GetFullPath(firstConfigFile)) : null;
        return new AkkaClusterConfig
        {
            Bind = akka.EndPoint("bind") ?? AkkaClusterConfig.DefaultBind,
            PublicAddress = BindAddress(akka, "public-address"),
            SeedNodes = BindSeeds(akka),
            Strategy = strategy,
            StableAfter = resolver.Duration("stable-after", AkkaClusterConfig.DefaultStableAfter),
            QuorumSize = quorum,
            AcceptableHeartbeatPause = akka.Duration("acceptable-heartbeat-pause", AkkaClusterConfig.DefaultAcceptableHeartbeatPause),
            StateDir = Path.GetFullPath(stateDir, baseDirectory ?? Directory.GetCurrentDirectory()),
        };
    }

    private static ClusterAddress? BindAddress(ConfigSection akka, string key)
    {
        var text = akka.String(key);
        if (text is null)
        {
            return null;
        }

        if (AddressSyntax.TryParseHostPort(text, out var host, out var port, out var reason))
        {
            return new ClusterAddress(host.Trim('[', ']'), port);
        }

        akka.Error(akka.PositionOf(key), key, $"expected host:port such as 10.0.0.1:4053 or relay-1:4053, got '{text}' ({reason})");
        return null;
    }

    private static List<ClusterAddress> BindSeeds(ConfigSection akka)
    {
        var seeds = new List<ClusterAddress>();
        foreach (var (item, path) in akka.Items("seed-nodes"))
        {
            ConfigSection.TryGetText(item, out var text);
            if (text is not null && AddressSyntax.TryParseHostPort(text, out var host, out var port, out var reason))
            {
                seeds.Add(new ClusterAddress(host.Trim('[', ']'), port));
                continue;
            }

            akka.Context.Error(item.Position, path, $"expected host:port such as 10.0.0.1:4053 or relay-1:4053, got {BindContext.Describe(item)}");
        }

        return seeds;
    }
}
