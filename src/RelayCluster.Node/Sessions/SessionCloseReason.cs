namespace RelayCluster.Node.Sessions;

/// <summary>Why a session ended: 1xx client side, 2xx upstream side, 3xx policy.</summary>
public enum SessionCloseReason
{
    /// <summary>The client closed its side (TCP FIN from the client).</summary>
    ClientClosed = 100,

    /// <summary>The client reset the connection.</summary>
    ClientReset = 101,

    /// <summary>A socket error on the client side.</summary>
    ClientError = 102,

    /// <summary>The client's TLS handshake failed or did not finish within <c>tls.handshake-timeout</c>.</summary>
    ClientTlsFailed = 103,

    /// <summary>The upstream closed its side.</summary>
    UpstreamClosed = 200,

    /// <summary>The upstream reset the connection.</summary>
    UpstreamReset = 201,

    /// <summary>A socket error on the upstream side.</summary>
    UpstreamError = 202,

    /// <summary>No upstream accepted a connection within the allowed attempts.</summary>
    UpstreamConnectFailed = 203,

    /// <summary>The TLS handshake with the upstream failed: its certificate was not trusted or did not match, or it did not answer in time.</summary>
    UpstreamTlsFailed = 204,

    /// <summary>No datagram or byte moved in either direction for the rule's idle timeout.</summary>
    IdleTimeout = 300,

    /// <summary>The node shut down and the drain grace ran out.</summary>
    NodeShutdown = 301,

    /// <summary>The rule was deleted.</summary>
    RuleRemoved = 302,

    /// <summary>The rule changed and no longer lists this session's upstream.</summary>
    RuleChanged = 303,

    /// <summary>An operator disabled the session's upstream.</summary>
    UpstreamDisabled = 304,

    /// <summary>The session's upstream turned unhealthy and <c>session.on-upstream-down = rebind</c> moved the client to another.</summary>
    UpstreamUnhealthy = 305,

    /// <summary>A new flow of the client, at its <c>session.max-per-client-ip</c> cap, took the place of this idle session.</summary>
    Reclaimed = 306,

    /// <summary>A datagram carried another upstream's routing token and <c>token.rebind</c> moved the client there.</summary>
    TokenChanged = 307,

    /// <summary>The session failed in an unexpected way and its supervisor stopped it.</summary>
    Failed = 399,
}

/// <summary>Names of <see cref="SessionCloseReason"/> values as they appear in stats and metrics.</summary>
public static class SessionCloseReasons
{
    /// <summary>Every reason, in the order of its number.</summary>
    public static IReadOnlyList<SessionCloseReason> All { get; } = Enum.GetValues<SessionCloseReason>();

    /// <summary>The kebab-case name of <paramref name="reason"/>, as in <c>idle-timeout</c>.</summary>
    public static string Name(SessionCloseReason reason) => reason switch
    {
        SessionCloseReason.ClientClosed => "client-closed",
        SessionCloseReason.ClientReset => "client-reset",
        SessionCloseReason.ClientError => "client-error",
        SessionCloseReason.ClientTlsFailed => "client-tls-failed",
        SessionCloseReason.UpstreamClosed => "upstream-closed",
        SessionCloseReason.UpstreamReset => "upstream-reset",
        SessionCloseReason.UpstreamError => "upstream-error",
        SessionCloseReason.UpstreamConnectFailed => "upstream-connect-failed",
        SessionCloseReason.UpstreamTlsFailed => "upstream-tls-failed",
        SessionCloseReason.IdleTimeout => "idle-timeout",
        SessionCloseReason.NodeShutdown => "node-shutdown",
        SessionCloseReason.RuleRemoved => "rule-removed",
        SessionCloseReason.RuleChanged => "rule-changed",
        SessionCloseReason.UpstreamDisabled => "upstream-disabled",
        SessionCloseReason.UpstreamUnhealthy => "upstream-unhealthy",
        SessionCloseReason.Reclaimed => "reclaimed",
        SessionCloseReason.TokenChanged => "token-changed",
        SessionCloseReason.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a session close reason."),
    };
}
