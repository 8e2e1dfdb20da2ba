using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Hosting;

/// <summary>How a <see cref="NodeHost"/> runs, beyond its config.</summary>
public sealed class NodeHostOptions
{
    /// <summary>The descriptors sessions may hold.</summary>
    public required SessionBudget Budget { get; init; }

    /// <summary>Where the embedded backplane keeps runtime rule changes; null keeps them in memory only.</summary>
    public string? StateFile { get; init; }

    /// <summary>How UDP listeners read.</summary>
    public UdpIo UdpIo { get; init; } = UdpIo.Default;

    /// <summary>What <c>POST /api/node/leave</c> does: usually stops the host, which leaves gracefully.</summary>
    public Action? RequestLeave { get; init; }

    /// <summary>The version the node registers with.</summary>
    public string Version { get; init; } = "0.0.0";
}
