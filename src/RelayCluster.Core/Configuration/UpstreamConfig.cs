namespace RelayCluster.Core.Configuration;

/// <summary>One upstream of a rule: written as <c>"host:port"</c> or <c>{ address = "host:port", weight = N }</c>.</summary>
public sealed record UpstreamConfig
{
    /// <summary>The default <see cref="Weight"/>: 1.</summary>
    public const int DefaultWeight = 1;

    /// <summary>The largest weight accepted: 10000.</summary>
    public const int MaxWeight = 10_000;

    /// <summary>The address as written, <c>host:port</c>; it names the upstream in the admin API and in <c>relayctl</c>.</summary>
    public required string Address { get; init; }

    /// <summary>The host: an IPv4 address, an IPv6 address (without brackets) or a DNS name.</summary>
    public required string Host { get; init; }

    /// <summary>The port, 1 to 65535.</summary>
    public required int Port { get; init; }

    /// <summary>The upstream's share of new sessions relative to the rule's other upstreams (<c>weight</c>); default 1, from 1 to 10000.</summary>
    public int Weight { get; init; } = DefaultWeight;

    /// <summary>
    /// The routing tokens that name this upstream, as upper-case hex (<c>tokens</c>, written as text or <c>hex:...</c>);
    /// empty unless the rule routes by token.
    /// </summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>Whether both name the same upstream with the same weight and the same tokens in the same order.</summary>
    public bool Equals(UpstreamConfig? other) =>
        other is not null
        && string.Equals(Address, other.Address, StringComparison.Ordinal)
        && string.Equals(Host, other.Host, StringComparison.Ordinal)
        && Port == other.Port
        && Weight == other.Weight
        && Sequences.Equal(Tokens, other.Tokens);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Address, Host, Port, Weight, Sequences.Hash(Tokens));
}
