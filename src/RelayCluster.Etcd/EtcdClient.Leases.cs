using RelayCluster.Etcd.Internal;
using RelayCluster.Etcd.Leases;

namespace RelayCluster.Etcd;

public sealed partial class EtcdClient
{
    /// <summary>
    /// Grants a lease of <paramref name="ttl"/> (rounded up to whole seconds; etcd may raise it to its minimum).
    /// A grant retried after a timeout may leave an unused lease behind, which expires on its own.
    /// </summary>
    public async Task<EtcdResult<EtcdLease>> LeaseGrantAsync(TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var request = new LeaseGrantRequest { Ttl = (long)Math.Ceiling(ttl.TotalSeconds) };
        var result = await _transport.PostAsync("/v3/lease/grant", request, EtcdJsonContext.Default.LeaseGrantRequest, EtcdJsonContext.Default.LeaseGrantResponse, cancellationToken);
        if (result.IsSuccess && !string.IsNullOrEmpty(result.Value.Error))
        {
            return new EtcdResult<EtcdLease>(new EtcdError(EtcdErrorKind.Rejected, $"etcd refused a lease of {ttl}: {result.Value.Error}"));
        }

        return result.Map(response => new EtcdLease(response.Id, TimeSpan.FromSeconds(response.Ttl)));
    }

    /// <summary>
    /// Renews a lease once and returns its new remaining time to live. A lease that expired or was revoked gives
    /// <see cref="EtcdErrorKind.LeaseNotFound"/>: grant a new one and put its keys again.
    /// </summary>
    public async Task<EtcdResult<TimeSpan>> LeaseKeepAliveAsync(long leaseId, CancellationToken cancellationToken = default)
    {
        var request = new LeaseIdRequest { Id = leaseId };
        var result = await _transport.PostAsync("/v3/lease/keepalive", request, EtcdJsonContext.Default.LeaseIdRequest, EtcdJsonContext.Default.LeaseKeepAliveStreamMessage, cancellationToken);
        if (!result.IsSuccess)
        {
            return new EtcdResult<TimeSpan>(result.Error);
        }

        var message = result.Value;
        if (message.Error is { } error)
        {
            var failure = Errors.FromAnswer(PreferredEndpoint, "/v3/lease/keepalive", error.HttpCode, error.GrpcCode, error.Message ?? "");
            return new EtcdResult<TimeSpan>(failure);
        }

        // etcd answers an unknown lease with a TTL of 0 (left out of the JSON) rather than an error.
        if (message.Result is not { Ttl: > 0 } renewed)
        {
            return new EtcdResult<TimeSpan>(new EtcdError(EtcdErrorKind.LeaseNotFound, $"etcd lease {leaseId:x} does not exist (it expired or was revoked)"));
        }

        return new EtcdResult<TimeSpan>(TimeSpan.FromSeconds(renewed.Ttl));
    }

    /// <summary>
    /// Revokes a lease, deleting every key attached to it, and returns the store revision after that.
    /// An unknown lease gives <see cref="EtcdErrorKind.LeaseNotFound"/>.
    /// </summary>
    public async Task<EtcdResult<long>> LeaseRevokeAsync(long leaseId, CancellationToken cancellationToken = default)
    {
        var request = new LeaseIdRequest { Id = leaseId };
        var result = await _transport.PostAsync("/v3/lease/revoke", request, EtcdJsonContext.Default.LeaseIdRequest, EtcdJsonContext.Default.LeaseRevokeResponse, cancellationToken);
        return result.Map(response => response.Revision());
    }
}
