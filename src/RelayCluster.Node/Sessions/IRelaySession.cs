using System.Net;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Sessions;

/// <summary>What a rule's router needs to know of any session, UDP or TCP.</summary>
public interface IRelaySession
{
    /// <summary>The client's IP and port.</summary>
    IPEndPoint Client { get; }

    /// <summary>The upstream the session relays to; null while a TCP session is still connecting.</summary>
    UpstreamState? Upstream { get; }

    /// <summary>When the session started.</summary>
    DateTimeOffset StartedAt { get; }

    /// <summary>Milliseconds (of <see cref="Environment.TickCount64"/>) when data last moved either way.</summary>
    long LastActivity { get; }

    /// <summary>Datagrams or reads, and bytes, moved each way.</summary>
    TrafficCounters Traffic { get; }

    /// <summary>True once the session has ended.</summary>
    bool IsClosed { get; }

    /// <summary>Why the session ended, once it has.</summary>
    SessionCloseReason? CloseReason { get; }
}
