using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Hosting;

/// <summary>The Akka.NET settings every node starts with, under what Akka.Hosting sets.</summary>
internal static class NodeAkkaSettings
{
    /// <summary>
    /// Local actors only; Akka's own console logger replaced by one that writes to Serilog (every line goes through the
    /// node's sink, those of the actor system's start and shutdown included); no dead-letter lines for
    /// messages to sessions that just ended; asks bounded; shutdown driven by the node, not by Akka's exit hook; the
    /// session actors' mailbox.
    /// </summary>
    public const string Hocon = $$"""
        {{SessionMailbox.Hocon}}
        akka {
          stdout-loglevel = WARNING
          stdout-logger-class = "RelayCluster.Node.Hosting.AkkaStdoutLogger, relay-node"
          log-config-on-start = off
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          actor {
            provider = local
            ask-timeout = 10s
          }
          coordinated-shutdown {
            run-by-clr-shutdown-hook = off
            exit-clr = off
          }
        }
        """;
}
