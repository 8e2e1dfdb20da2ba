using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>Binds the <c>relay { }</c> section; keys outside it are left alone, as HOCON files often keep helper values there.</summary>
internal static class RelayConfigBinder
{
    public const string RootKey = "relay";

    public static RelayConfig Bind(BindContext context, HoconObject root)
    {
        var relay = RelaySection(context, root);
        var node = NodeConfigBinder.Bind(relay.Section("node"));
        var config = new RelayConfig
        {
            Node = node,
            Cluster = ClusterConfigBinder.Bind(relay.Section("cluster")),
            Rules = RuleSetBinder.Bind(context, relay.Field("rules"), node.Admin),
            Log = BindLog(relay.Section("log")),
            Metrics = MetricsConfigBinder.Bind(relay.Section("metrics")),
        };
        return config;
    }

    /// <summary>The <c>relay</c> object as a checked section; an empty one when it is not written.</summary>
    public static ConfigSection RelaySection(BindContext context, HoconObject root)
    {
        var field = root.GetField(RootKey);
        return context.Section(RootKey, RelayObject(context, root), field?.KeyPosition ?? root.Position);
    }

    /// <summary>The <c>relay</c> object, or null when it is not written or not an object (which is reported).</summary>
    public static HoconObject? RelayObject(BindContext context, HoconObject root)
    {
        var field = root.GetField(RootKey);
        if (field is null || field.Value.Kind == HoconKind.Null)
        {
            return null;
        }

        if (field.Value is HoconObject relay)
        {
            return relay;
        }

        context.Error(field.Value.Position, RootKey, $"expected an object {{ ... }}, got {BindContext.Describe(field.Value)}");
        return null;
    }

    private static LogConfig BindLog(ConfigSection log) => new()
    {
        Level = log.Enum("level", RelayLogLevel.Information),
        Format = log.Enum("format", LogFormat.Text),
        File = LogFile(log),
    };

    // The file itself may not exist yet, but the node must be able to create it: its directory has to.
    private static string? LogFile(ConfigSection log)
    {
        var file = log.FilePath("file");
        if (file is not null && (Path.GetDirectoryName(file) is not { } directory || !Directory.Exists(directory)))
        {
            log.Error(log.PositionOf("file"), "file", $"the directory of '{file}' does not exist");
            return null;
        }

        return file;
    }
}
