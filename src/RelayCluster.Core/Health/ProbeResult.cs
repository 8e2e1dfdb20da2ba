using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Health;

/// <summary>The outcome of one probe of one upstream: passed, or failed with a reason and a detail for the log.</summary>
public sealed class ProbeResult
{
    private ProbeResult(HealthFailureReason? failure, string detail, UpstreamCapacity? capacity = null)
    {
        Failure = failure;
        Detail = detail;
        Capacity = capacity;
    }

    /// <summary>A passed probe.</summary>
    public static ProbeResult Passed { get; } = new(null, "passed");

    /// <summary>Whether the probe passed.</summary>
    public bool IsPassed => Failure is null;

    /// <summary>Why the probe failed; null when it passed.</summary>
    public HealthFailureReason? Failure { get; }

    /// <summary>The players the upstream reported in its answer; null when the probe does not read them.</summary>
    public UpstreamCapacity? Capacity { get; }

    /// <summary>A passed probe whose answer said how full the upstream is.</summary>
    public static ProbeResult PassedWith(UpstreamCapacity capacity)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        return new ProbeResult(null, $"passed, {capacity} players", capacity);
    }

    /// <summary>What happened, for people, such as <c>no reply within 1s</c>.</summary>
    public string Detail { get; }

    /// <summary>A failed probe.</summary>
    public static ProbeResult Failed(HealthFailureReason reason, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return new ProbeResult(reason, detail);
    }

    /// <summary>The result as the log shows it: <c>passed</c>, or the reason and detail as in <c>timeout: no reply within 1s</c>.</summary>
    public override string ToString() => Failure is { } reason ? $"{NameOf(reason)}: {Detail}" : Detail;

    /// <summary>The reason as one lowercase word, as in <c>timeout</c>.</summary>
    public static string NameOf(HealthFailureReason reason) => reason switch
    {
        HealthFailureReason.Timeout => "timeout",
        HealthFailureReason.Mismatch => "mismatch",
        HealthFailureReason.Refused => "refused",
        _ => "error",
    };
}
