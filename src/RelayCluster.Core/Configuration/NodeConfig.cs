using System.Net;

namespace RelayCluster.Core.Configuration;

/// <summary>This node's identity, admin API and shutdown behaviour (<c>relay.node</c>).</summary>
public sealed record NodeConfig
{
    /// <summary>The default <see cref="ShutdownGrace"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultShutdownGrace = TimeSpan.FromSeconds(10);

    /// <summary>The node's id, unique in the cluster (<c>id</c>); default <c>&lt;hostname&gt;-&lt;admin port&gt;</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Free-form roles shown by <c>relayctl cluster show</c> (<c>roles</c>); default none.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>
    /// When set, rules that listen on a wildcard address (0.0.0.0 or ::) bind this address instead
    /// (<c>listen-address</c>); default null, which keeps the rules' addresses as written.
    /// </summary>
    public IPAddress? ListenAddress { get; init; }

    /// <summary>The admin HTTP API (<c>admin</c>).</summary>
    public AdminConfig Admin { get; init; } = new();

    /// <summary>How long a leaving node lets its sessions drain (<c>shutdown-grace</c>); default 10 s, 0 closes them at once.</summary>
    public TimeSpan ShutdownGrace { get; init; } = DefaultShutdownGrace;

    /// <summary>Whether both describe the same node, comparing roles element by element.</summary>
    public bool Equals(NodeConfig? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && Sequences.Equal(Roles, other.Roles)
        && Equals(ListenAddress, other.ListenAddress)
        && Admin == other.Admin
        && ShutdownGrace == other.ShutdownGrace;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Sequences.Hash(Roles), ListenAddress, Admin, ShutdownGrace);
}
