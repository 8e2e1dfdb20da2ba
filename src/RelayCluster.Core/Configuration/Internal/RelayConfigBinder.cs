using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>Binds the <c>relay { }</c> section and takes the optional <c>akka { }</c> as it is; other keys outside them are left alone, as HOCON files often keep helper values there.</summary>
internal static class RelayConfigBinder
{
    public const string RootKey = "relay";

    /// <summary>The optional top-level object of Akka.NET settings.</summary>
    public const string AkkaKey = "akka";

    public static RelayConfig Bind(BindContext context, HoconObject root)
    {
        var relay = RelaySection(context, root);
        var node = NodeConfigBinder.Bind(relay.Section("node"));
        var config = new RelayConfig
        {
            Node = node,
            Cluster = ClusterConfigBinder.Bind(relay.Section("cluster"), root.Position.File),
            Rules = RuleSetBinder.Bind(context, relay.Field("rules"), node.Admin),
            Log = BindLog(relay.Section("log")),
            Metrics = MetricsConfigBinder.Bind(relay.Section("metrics")),
            AkkaOverrides = BindAkkaOverrides(context, root),
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

    /// <summary>The top-level <c>akka { }</c> object as JSON, handed to Akka over the settings <c>relay.cluster</c> derives.</summary>
    private static string? BindAkkaOverrides(BindContext context, HoconObject root)
    {
        var field = root.GetField(AkkaKey);
        if (field is null || field.Value.Kind == HoconKind.Null)
        {
            return null;
        }

        if (field.Value is HoconObject akka)
        {
            return HoconJson.ToJson(akka, indented: false);
        }

        context.Error(field.Value.Position, AkkaKey, $"expected an object {{ ... }} of Akka.NET settings, got {BindContext.Describe(field.Value)}");
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
