namespace RelayCluster.Core.Configuration;

/// <summary>Binds <c>relay.cluster</c>.</summary>
internal static class ClusterConfigBinder
{
    public static ClusterConfig Bind(ConfigSection cluster, string? firstConfigFile)
    {
        var name = cluster.String("name") ?? ClusterConfig.DefaultName;
        if (!NameSyntax.IsRuleName(name))
        {
            cluster.Error(cluster.PositionOf("name"), "name", $"expected 1 to {NameSyntax.MaxRuleNameLength} letters, digits, '-' or '_', got '{name}'");
        }

        var backplane = cluster.Enum("backplane", BackplaneKind.Embedded);
        var heartbeat = cluster.Duration("heartbeat-interval", ClusterConfig.DefaultHeartbeatInterval);
        var failureTimeout = cluster.Duration("failure-timeout", ClusterConfig.DefaultFailureTimeout);
        if (failureTimeout <= heartbeat)
        {
            cluster.Error(cluster.PositionOf("failure-timeout"), "failure-timeout", $"must be longer than heartbeat-interval ({DurationText.Format(heartbeat)}), got {DurationText.Format(failureTimeout)}");
        }

        return new ClusterConfig
        {
            Name = name,
            Backplane = backplane,
            Etcd = BindEtcd(cluster.Section("etcd"), backplane),
            Akka = AkkaConfigBinder.Bind(cluster.Section("akka"), firstConfigFile),
            HeartbeatInterval = heartbeat,
            FailureTimeout = failureTimeout,
            StatsInterval = cluster.Duration("stats-interval", ClusterConfig.DefaultStatsInterval),
        };
    }

    private static EtcdConfig BindEtcd(ConfigSection etcd, BackplaneKind backplane)
    {
        var endpoints = etcd.Field("endpoints") is null ? EtcdConfig.DefaultEndpoints : BindEndpoints(etcd);
        if (endpoints.Count == 0 && backplane == BackplaneKind.Etcd)
        {
            etcd.Error(etcd.PositionOf("endpoints"), "endpoints", "the etcd backplane needs at least one endpoint, such as \"http://127.0.0.1:2379\"");
        }

        var prefix = etcd.String("prefix") ?? EtcdConfig.DefaultPrefix;
        if (!prefix.StartsWith('/') || prefix.Any(char.IsWhiteSpace))
        {
            etcd.Error(etcd.PositionOf("prefix"), "prefix", $"expected a key prefix that starts with '/' and has no spaces, such as /relay-cluster, got '{prefix}'");
        }

        return new EtcdConfig { Endpoints = endpoints, Prefix = prefix.Length > 1 ? prefix.TrimEnd('/') : prefix };
    }

    private static List<Uri> BindEndpoints(ConfigSection etcd)
    {
        var endpoints = new List<Uri>();
        foreach (var (item, path) in etcd.Items("endpoints"))
        {
            ConfigSection.TryGetText(item, out var text);
            if (text is not null
                && Uri.TryCreate(text, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && uri.Host.Length > 0)
            {
                endpoints.Add(uri);
            }
            else
            {
                etcd.Context.Error(item.Position, path, $"expected an http:// or https:// URL such as http://127.0.0.1:2379, got {BindContext.Describe(item)}");
            }
        }

        return endpoints;
    }
}
