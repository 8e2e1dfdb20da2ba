namespace RelayCluster.Core.Configuration;

/// <summary>
/// Token routing of a udp rule (<c>relay.rules.&lt;name&gt;.token</c>): every client datagram carries a token, and a
/// session goes to the upstream whose <c>tokens</c> hold the token of its first datagram.
/// </summary>
public sealed record TokenConfig
{
    /// <summary>The longest token: 16 bytes.</summary>
    public const int MaxLength = 16;

    /// <summary>Where the token sits (<c>position</c>); default <see cref="TokenPosition.Suffix"/>.</summary>
    public TokenPosition Position { get; init; } = TokenPosition.Suffix;

    /// <summary>The token's length in bytes (<c>length</c>); required, from 1 to 16.</summary>
    public required int Length { get; init; }

    /// <summary>Whether the token is removed before the datagram goes upstream (<c>strip</c>); default true.</summary>
    public bool Strip { get; init; } = true;

    /// <summary>
    /// Whether a datagram carrying another upstream's token moves its session there (<c>rebind</c>); default false:
    /// a session keeps the upstream its first datagram named.
    /// </summary>
    public bool Rebind { get; init; }
}
