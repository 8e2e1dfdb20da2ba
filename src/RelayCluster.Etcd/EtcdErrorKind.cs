namespace RelayCluster.Etcd;

/// <summary>Why an etcd call failed.</summary>
public enum EtcdErrorKind
{
    /// <summary>No endpoint could be reached, or every one answered that it cannot serve the request now (5xx).</summary>
    Unavailable,

    /// <summary>No endpoint answered within the request timeout.</summary>
    Timeout,

    /// <summary>The requested revision has been compacted away.</summary>
    Compacted,

    /// <summary>The lease does not exist (it expired or was revoked).</summary>
    LeaseNotFound,

    /// <summary>etcd refused the request as invalid (4xx), e.g. a put to a lease that is not a number.</summary>
    Rejected,

    /// <summary>etcd answered something this client cannot read.</summary>
    Protocol,
}
