namespace RelayCluster.Core.Configuration;

/// <summary>The datagram a udp health probe sends and the reply it expects (<c>health.udp-probe</c>).</summary>
public sealed record UdpProbeConfig
{
    /// <summary>The payload of the probe datagram (<c>send</c>: text, or <c>hex:</c> and hex digits); default empty.</summary>
    public ReadOnlyMemory<byte> Send { get; init; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>What the reply must start with (<c>expect</c>, same syntax as send); default empty: any reply passes.</summary>
    public ReadOnlyMemory<byte> Expect { get; init; } = ReadOnlyMemory<byte>.Empty;

    /// <summary>Whether both payloads hold the same bytes.</summary>
    public bool Equals(UdpProbeConfig? other) =>
        other is not null && Sequences.Equal(Send, other.Send) && Sequences.Equal(Expect, other.Expect);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Send.Length, Expect.Length);
}
