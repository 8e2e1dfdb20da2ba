namespace RelayCluster.Core.Health;

/// <summary>Why a probe of an upstream failed, or why a session counted against its upstream.</summary>
public enum HealthFailureReason
{
    /// <summary>No answer came within the timeout.</summary>
    Timeout,

    /// <summary>An answer came, but not the one expected.</summary>
    Mismatch,

    /// <summary>The upstream's host refused: a tcp reset, or an ICMP port unreachable for a datagram.</summary>
    Refused,

    /// <summary>The probe could not run, such as a network that cannot be reached.</summary>
    Error,
}
