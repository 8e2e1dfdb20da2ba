using System.Text.RegularExpressions;

namespace RelayCluster.Core.Configuration;

/// <summary>The datagram a udp health probe sends and the reply it expects (<c>health.udp-probe</c>).</summary>
public sealed record UdpProbeConfig
{
    /// <summary>How long <see cref="ExpectPattern"/> may take to match one reply: 100 milliseconds.</summary>
    public static readonly TimeSpan PatternMatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The payload of the probe datagram (<c>send</c>: text, or <c>hex:</c> and hex digits); default empty.</summary>
    public ReadOnlyMemory<byte> Send { get; init; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>What the reply must start with (<c>expect</c> as text or <c>hex:</c>); default empty: any reply passes.</summary>
    public ReadOnlyMemory<byte> Expect { get; init; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>
    /// A pattern the reply, read as Latin-1 (one character per byte), must match (<c>expect = "regex:..."</c>);
    /// null unless the expectation is written that way, and then <see cref="Expect"/> is empty.
    /// </summary>
    public Regex? ExpectPattern { get; init; }

    /// <summary>Whether both payloads hold the same bytes and both patterns are the same.</summary>
    public bool Equals(UdpProbeConfig? other) =>
        other is not null
        && Sequences.Equal(Send, other.Send)
        && Sequences.Equal(Expect, other.Expect)
        && string.Equals(ExpectPattern?.ToString(), other.ExpectPattern?.ToString(), StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Send.Length, Expect.Length, ExpectPattern?.ToString());
}
