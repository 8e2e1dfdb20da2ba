using System.Collections.Frozen;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Balancing;

/// <summary>
/// Which upstream each routing token of a rule names. Every token of a rule has the same length (at most 16 bytes), so a
/// token read from a datagram becomes one 128-bit key: a lookup per datagram reads the bytes and allocates nothing.
/// </summary>
public sealed class TokenTable
{
    private readonly FrozenDictionary<UInt128, UpstreamState> _upstreams;

    /// <summary>Creates the table of <paramref name="config"/>; <paramref name="upstreams"/> are the states of <paramref name="configs"/>, in the same order.</summary>
    public TokenTable(TokenConfig config, IReadOnlyList<UpstreamConfig> configs, IReadOnlyList<UpstreamState> upstreams)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(configs);
        ArgumentNullException.ThrowIfNull(upstreams);
        ArgumentOutOfRangeException.ThrowIfNotEqual(upstreams.Count, configs.Count);

        Config = config;
        var table = new Dictionary<UInt128, UpstreamState>();
        for (var i = 0; i < configs.Count; i++)
        {
            foreach (var token in configs[i].Tokens)
            {
                table[Key(Convert.FromHexString(token))] = upstreams[i];
            }
        }

        _upstreams = table.ToFrozenDictionary();
    }

    /// <summary>The rule's token settings.</summary>
    public TokenConfig Config { get; }

    /// <summary>How many tokens the table holds.</summary>
    public int Count => _upstreams.Count;

    /// <summary>The upstream that the token in <paramref name="datagram"/> names; null when the datagram is too short for a token or its token is unknown.</summary>
    public UpstreamState? Find(ReadOnlySpan<byte> datagram)
    {
        var length = Config.Length;
        if (datagram.Length < length)
        {
            return null;
        }

        var token = Config.Position == TokenPosition.Prefix ? datagram[..length] : datagram[^length..];
        return _upstreams.GetValueOrDefault(Key(token));
    }

    private static UInt128 Key(ReadOnlySpan<byte> token)
    {
        UInt128 key = 0;
        foreach (var b in token)
        {
            key = (key << 8) | b;
        }

        return key;
    }
}
