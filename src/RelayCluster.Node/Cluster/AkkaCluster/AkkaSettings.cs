using System.Net;
using System.Net.Sockets;
using Akka.Configuration;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>
/// The Akka settings <c>relay.cluster</c> derives: cluster provider, remoting address, seed nodes, the split-brain
/// resolver, a dedicated dispatcher for cluster internals, fast DistributedData notifications, the JSON serializer
/// and the file durable store; the top-level <c>akka { }</c> of the config goes over them.
/// </summary>
public static class AkkaSettings
{
    /// <summary>
    /// The default and internal dispatchers of the cluster system (cluster, failure detector, DistributedData, singleton):
    /// two threads of their own, so a thread pool busy with relaying never delays a heartbeat. Remoting has its own
    /// dedicated threads already.
    /// </summary>
    private const string DispatcherSettings = "type = ForkJoinDispatcher, throughput = 100, dedicated-thread-pool { thread-count = 2, threadtype = background }";

    /// <summary>
    /// Akka's level for <c>relay.log.level</c>. The cluster system logs through the node's Serilog logger, as the node's
    /// own actor system does, so its lines take the node's format and sinks (one JSON object per line with
    /// <c>format = json</c>); Akka has no verbose or fatal.
    /// </summary>
    private static string LogLevel(RelayLogLevel level) => level switch
    {
        RelayLogLevel.Verbose or RelayLogLevel.Debug => "DEBUG",
        RelayLogLevel.Warning => "WARNING",
        RelayLogLevel.Error or RelayLogLevel.Fatal => "ERROR",
        _ => "INFO",
    };

    /// <summary>The Akka config of <paramref name="config"/>, with host names resolved to addresses now.</summary>
    public static Config Build(RelayConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var akka = config.Cluster.Akka;
        var bindHost = akka.Bind.Address.ToString();
        var publicAddress = PublicAddress(akka);
        var seeds = akka.SeedNodes.Select(seed => $"\"{AddressOf(config.Cluster.Name, Resolve(seed.Host), seed.Port)}\"");
        var text = $$"""
            akka {
              loglevel = {{LogLevel(config.Log.Level)}}
              stdout-loglevel = WARNING
              loggers = ["Akka.Logger.Serilog.SerilogLogger, Akka.Logger.Serilog"]
              stdout-logger-class = "RelayCluster.Node.Hosting.AkkaStdoutLogger, relay-node"
              log-config-on-start = off
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor {
                provider = cluster
                default-dispatcher { {{DispatcherSettings}} }
                internal-dispatcher { {{DispatcherSettings}} }
                serializers { relay-json = "{{typeof(RelayJsonSerializer).AssemblyQualifiedName}}" }
                serialization-bindings { "{{typeof(IClusterMessage).AssemblyQualifiedName}}" = relay-json }
                serialization-identifiers { "{{typeof(RelayJsonSerializer).AssemblyQualifiedName}}" = {{RelayJsonSerializer.Id}} }
              }
              remote.dot-netty.tcp {
                hostname = "{{bindHost}}"
                port = {{akka.Bind.Port}}
                public-hostname = "{{publicAddress.Host}}"
                {{(publicAddress.Port > 0 ? $"public-port = {publicAddress.Port}" : "")}}
              }
              coordinated-shutdown.exit-clr = off
              coordinated-shutdown.run-by-clr-shutdown-hook = off
              cluster {
                seed-nodes = [{{string.Join(", ", seeds)}}]
                seed-node-timeout = 1s
                retry-unsuccessful-join-after = 2s
                roles = [{{string.Join(", ", config.Node.Roles.Select(role => $"\"{role}\""))}}]
                failure-detector.acceptable-heartbeat-pause = {{Millis(akka.AcceptableHeartbeatPause)}}
                # Heartbeats every 500 ms and a reaper every 250 ms put a dead member's unreachable mark 0.5-1.3 s
                # after the pause (Akka's 1 s and 1 s: 0.5-2.5 s), for a few bytes per member per second.
                failure-detector.heartbeat-interval = 500ms
                unreachable-nodes-reaper-interval = 250ms
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = {{StrategyName(akka.Strategy)}}
                  stable-after = {{Millis(akka.StableAfter)}}
                  keep-oldest.down-if-alone = on
                  static-quorum.quorum-size = {{akka.QuorumSize}}
                }
                distributed-data {
                    notify-subscribers-interval = 50ms
                  gossip-interval = 500ms
                  durable {
                    keys = [{{string.Join(", ", ClusterKeys.Durable)}}]
                    store-actor-class = "{{typeof(FileDurableStore).AssemblyQualifiedName}}"
                    relay-file.dir = "{{akka.StateDir.Replace("\\", "\\\\", StringComparison.Ordinal)}}"
                  }
                }
              }
            }
            """;
        var derived = ConfigurationFactory.ParseString(text);
        return config.AkkaOverrides is { } overrides
            ? ConfigurationFactory.ParseString("{\"akka\":" + overrides + "}").WithFallback(derived)
            : derived;
    }

    /// <summary>The remoting address of a member: <c>akka.tcp://NAME@HOST:PORT</c>.</summary>
    public static string AddressOf(string clusterName, string host, int port) =>
        $"akka.tcp://{clusterName}@{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";

    /// <summary>Where the others reach this node: <c>public-address</c>, else the bind address, else this machine's address.</summary>
    public static ClusterAddress PublicAddress(AkkaClusterConfig akka)
    {
        ArgumentNullException.ThrowIfNull(akka);
        if (akka.PublicAddress is { } configured)
        {
            return configured with { Host = Resolve(configured.Host) };
        }

        var host = akka.Bind.Address.Equals(IPAddress.Any) || akka.Bind.Address.Equals(IPAddress.IPv6Any)
            ? Resolve(Dns.GetHostName())
            : akka.Bind.Address.ToString();
        return new ClusterAddress(host, 0);
    }

    /// <summary>A host name resolved to one address (IPv4 preferred); an address stays as it is.</summary>
    public static string Resolve(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (IPAddress.TryParse(host, out _))
        {
            return host;
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            var chosen = addresses.FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return chosen?.ToString() ?? host;
        }
        catch (SocketException)
        {
            // Not resolvable yet (a container not started): Akka retries the seed by name.
            return host;
        }
    }

    private static string Millis(TimeSpan value) => $"{(long)value.TotalMilliseconds}ms";

    private static string StrategyName(SplitBrainStrategy strategy) => strategy switch
    {
        SplitBrainStrategy.KeepOldest => "keep-oldest",
        SplitBrainStrategy.StaticQuorum => "static-quorum",
        _ => "keep-majority",
    };

}
