using System.Diagnostics;
using System.Net;
using RelayCluster.Core.Balancing;

namespace RelayCluster.Core.Upstreams;

/// <summary>
/// The live state of one upstream of one rule: its session counts, health and admin state.
/// Every member is safe to read and write from any thread.
/// </summary>
[DebuggerDisplay("{Address,nq} w={Weight} sessions={ActiveSessions} {Health} {AdminState}")]
public sealed class UpstreamState
{
    private int _activeSessions;
    private long _clusterSessions;
    private volatile UpstreamHealth _health;
    private volatile UpstreamAdminState _adminState;
    private volatile int _weight;
    private volatile CapacityReport? _capacity;

    /// <summary>Creates the state of an upstream that is enabled, of unknown health and without sessions.</summary>
    /// <param name="address">The address as configured, <c>host:port</c>; it names the upstream everywhere and keys client hashing.</param>
    /// <param name="endPoint">The resolved endpoint that sessions connect to.</param>
    /// <param name="weight">The share of new sessions relative to the other upstreams of the rule; at least 1.</param>
    public UpstreamState(string address, IPEndPoint endPoint, int weight = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);

        Address = address;
        EndPoint = endPoint;
        _weight = weight;
        AddressHash = StableHash.Hash(address);
    }

    /// <summary>The address as configured, <c>host:port</c>.</summary>
    public string Address { get; }

    /// <summary>The resolved endpoint that sessions connect to.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The share of new sessions relative to the other upstreams of the rule; at least 1.</summary>
    public int Weight
    {
        get => _weight;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _weight = value;
        }
    }

    /// <summary>The live sessions on this node that use this upstream.</summary>
    public int ActiveSessions => Volatile.Read(ref _activeSessions);

    /// <summary>The live sessions that the other nodes of the cluster last published for this upstream.</summary>
    public long ClusterSessions
    {
        get => Interlocked.Read(ref _clusterSessions);
        set => Interlocked.Exchange(ref _clusterSessions, value);
    }

    /// <summary>The health verdict of the upstream.</summary>
    public UpstreamHealth Health
    {
        get => _health;
        set => _health = value;
    }

    /// <summary>What an operator has asked of the upstream.</summary>
    public UpstreamAdminState AdminState
    {
        get => _adminState;
        set => _adminState = value;
    }

    /// <summary>Whether new sessions may use the upstream: it is enabled and not known to be unhealthy.</summary>
    public bool IsAvailable => _adminState == UpstreamAdminState.Enabled && _health != UpstreamHealth.Unhealthy;

    /// <summary>What the upstream last reported of its players (from the <c>a2s-info</c> or <c>minecraft-bedrock</c> probe); null when unknown.</summary>
    public UpstreamCapacity? Capacity => _capacity?.Capacity;

    /// <summary>
    /// The places the upstream has left now: its last report, less the sessions this node opened on it since (and plus
    /// those that ended), so a burst of new sessions between two probes does not overfill it. Null when unknown.
    /// </summary>
    public int? FreeSlots => _capacity is { } report
        ? Math.Clamp(report.Capacity.MaxPlayers - report.Capacity.Players - (ActiveSessions - report.SessionsAtReport), 0, report.Capacity.MaxPlayers)
        : null;

    /// <summary>Records what the upstream reported of its players; null forgets it.</summary>
    public void ReportCapacity(UpstreamCapacity? capacity) =>
        _capacity = capacity is null ? null : new CapacityReport(capacity, ActiveSessions);

    /// <summary>A hash of <see cref="Address"/> that is the same in every process, so every node hashes clients alike.</summary>
    internal ulong AddressHash { get; }

    /// <summary>Counts a new session on this node.</summary>
    public void SessionOpened() => Interlocked.Increment(ref _activeSessions);

    /// <summary>Counts the end of a session on this node that <see cref="SessionOpened"/> counted.</summary>
    public void SessionClosed()
    {
        var sessions = Interlocked.Decrement(ref _activeSessions);
        Debug.Assert(sessions >= 0, "A session was closed that was never opened.");
    }

    /// <inheritdoc/>
    public override string ToString() => Address;

    // One reference, so a reader never sees the players of one report with the session count of another.
    private sealed record CapacityReport(UpstreamCapacity Capacity, int SessionsAtReport);
}
