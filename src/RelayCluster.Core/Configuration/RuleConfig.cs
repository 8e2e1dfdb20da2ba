using System.Net;
using RelayCluster.Core.Balancing;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>One rule: where the node listens, and the upstreams that new sessions go to (<c>relay.rules.&lt;name&gt;</c>).</summary>
public sealed record RuleConfig
{
    /// <summary>The default <see cref="Balance"/>: <c>round-robin</c>.</summary>
    public const string DefaultBalance = BalancingPolicyNames.RoundRobin;

    /// <summary>The rule's name, its key under <c>relay.rules</c>: letters, digits, <c>-</c> and <c>_</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Whether the rule relays datagrams or connections (<c>protocol</c>); required.</summary>
    public required RuleProtocol Protocol { get; init; }

    /// <summary>The IP address and port the node listens on (<c>listen</c>); required, port 0 takes any free port.</summary>
    public required IPEndPoint Listen { get; init; }

    /// <summary>The upstreams that sessions are relayed to, in the order written (<c>upstreams</c>); required, at least one.</summary>
    public required IReadOnlyList<UpstreamConfig> Upstreams { get; init; }

    /// <summary>The balancing policy that picks the upstream of each new session (<c>balance</c>); default <c>round-robin</c>.</summary>
    public string Balance { get; init; } = DefaultBalance;

    /// <summary>Whose sessions the session-counting policies count (<c>load-scope</c>); default <see cref="LoadScope.Node"/>.</summary>
    public LoadScope LoadScope { get; init; } = LoadScope.Node;

    /// <summary>Session limits and timeouts (<c>session</c>).</summary>
    public SessionConfig Session { get; init; } = new();

    /// <summary>Active health checks of the upstreams (<c>health</c>); default none.</summary>
    public HealthConfig Health { get; init; } = new();

    /// <summary>Which client addresses may open sessions (<c>access</c>); default everyone.</summary>
    public AccessConfig Access { get; init; } = new();

    /// <summary>Per-client-IP rate limits (<c>rate-limit</c>); default off.</summary>
    public RateLimitConfig RateLimit { get; init; } = new();

    /// <summary>Whether a PROXY protocol header tells the upstream the client's address (<c>proxy-protocol</c>); default none.</summary>
    public ProxyProtocolVersion ProxyProtocol { get; init; } = ProxyProtocolVersion.None;

    /// <summary>TLS termination of client connections, tcp only (<c>tls</c>); default null, plain tcp.</summary>
    public TlsConfig? Tls { get; init; }

    /// <summary>TLS from the node to the upstreams, tcp only (<c>upstream-tls</c>); default off.</summary>
    public UpstreamTlsConfig UpstreamTls { get; init; } = new();

    /// <summary>The default <see cref="BusyPoll"/>: 50 µs.</summary>
    public static readonly TimeSpan DefaultBusyPoll = TimeSpan.FromMicroseconds(50);

    /// <summary>The longest <see cref="BusyPoll"/>: 1 ms.</summary>
    public static readonly TimeSpan MaxBusyPoll = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// udp (<c>busy-poll</c>): how long an epoll worker of the rule may keep polling its sockets, giving the core to any
    /// other runnable thread between polls, before it sleeps; the window adapts, and shrinks to nothing when traffic
    /// does not come back within it. Default 50 µs, 0 = always sleep at once, at most 1 ms.
    /// </summary>
    public TimeSpan BusyPoll { get; init; } = DefaultBusyPoll;

    /// <summary>Token routing of a udp rule (<c>token</c>): null, the default, picks upstreams by <see cref="Balance"/>.</summary>
    public TokenConfig? Token { get; init; }

    /// <summary>Where the rule's name was written, for messages about the rule; default an unknown position.</summary>
    public HoconPosition Position { get; init; }

    /// <summary>
    /// Whether both rules relay the same way: every setting is compared, upstreams element by element,
    /// and <see cref="Position"/> is not, so a reload that only moved a rule in its file changes nothing.
    /// </summary>
    public bool Equals(RuleConfig? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Protocol == other.Protocol
        && Listen.Equals(other.Listen)
        && Sequences.Equal(Upstreams, other.Upstreams)
        && string.Equals(Balance, other.Balance, StringComparison.Ordinal)
        && LoadScope == other.LoadScope
        && Session == other.Session
        && Health == other.Health
        && Access == other.Access
        && RateLimit == other.RateLimit
        && ProxyProtocol == other.ProxyProtocol
        && Tls == other.Tls
        && UpstreamTls == other.UpstreamTls
        && Token == other.Token
        && BusyPoll == other.BusyPoll;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Protocol, Listen, Sequences.Hash(Upstreams), Balance, Session, Health, Access);
}
