using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Health.Internal;

/// <summary>
/// The Source engine A2S_INFO query. Servers may answer a query with a challenge (S2C_CHALLENGE) and answer with info
/// only once the query is sent again with the challenge's 4 bytes appended.
/// </summary>
internal static class A2sInfo
{
    /// <summary>What a reply to a query is.</summary>
    public enum ReplyKind
    {
        /// <summary>Not an A2S_INFO reply.</summary>
        Other,

        /// <summary><c>FF FF FF FF 41</c> and 4 challenge bytes.</summary>
        Challenge,

        /// <summary><c>FF FF FF FF 49</c> (Source) or <c>FF FF FF FF 6D</c> (old GoldSource) and the server's info.</summary>
        Info,
    }

    public const int ChallengeLength = 4;

    private const byte ChallengeHeader = 0x41;
    private const byte InfoHeader = 0x49;
    private const byte GoldSourceInfoHeader = 0x6D;

    /// <summary>The header of every single-packet message: 4 bytes of 0xFF.</summary>
    public static ReadOnlySpan<byte> Header => [0xFF, 0xFF, 0xFF, 0xFF];

    /// <summary>The query: the header, <c>T</c> and <c>Source Engine Query</c> with its terminating zero.</summary>
    public static ReadOnlyMemory<byte> Query { get; } = QueryWithChallenge([]);

    /// <summary>The query sent again with the server's challenge appended.</summary>
    public static byte[] QueryWithChallenge(ReadOnlySpan<byte> challenge) => [.. Header, .. "TSource Engine Query\0"u8, .. challenge];

    /// <summary>
    /// The players and max players of an info reply, or null when the reply is cut short. Source:
    /// <c>49 | protocol | name\0 | map\0 | folder\0 | game\0 | app id (2) | players | max players | ...</c>;
    /// GoldSource: <c>6D | address\0 | name\0 | map\0 | folder\0 | game\0 | players | max players | ...</c>.
    /// </summary>
    public static UpstreamCapacity? ReadCapacity(ReadOnlySpan<byte> reply)
    {
        if (reply.Length < 5 || !reply.StartsWith(Header) || reply[4] is not (InfoHeader or GoldSourceInfoHeader))
        {
            return null;
        }

        var source = reply[4] == InfoHeader;
        var rest = reply[(source ? 6 : 5)..];
        for (var field = 0; field < 4 + (source ? 0 : 1); field++)
        {
            var end = rest.IndexOf((byte)0);
            if (end < 0)
            {
                return null;
            }

            rest = rest[(end + 1)..];
        }

        var offset = source ? 2 : 0;
        return rest.Length >= offset + 2 ? new UpstreamCapacity(rest[offset], rest[offset + 1]) : null;
    }

    /// <summary>What <paramref name="reply"/> is; <paramref name="challenge"/> holds the challenge bytes of a challenge.</summary>
    public static ReplyKind Classify(ReadOnlySpan<byte> reply, out ReadOnlySpan<byte> challenge)
    {
        challenge = default;
        if (reply.Length < 5 || !reply.StartsWith(Header))
        {
            return ReplyKind.Other;
        }

        switch (reply[4])
        {
            case ChallengeHeader when reply.Length >= 5 + ChallengeLength:
                challenge = reply.Slice(5, ChallengeLength);
                return ReplyKind.Challenge;
            case InfoHeader or GoldSourceInfoHeader:
                return ReplyKind.Info;
            default:
                return ReplyKind.Other;
        }
    }
}
