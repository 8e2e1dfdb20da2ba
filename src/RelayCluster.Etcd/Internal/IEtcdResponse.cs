namespace RelayCluster.Etcd.Internal;

/// <summary>A unary answer: every one carries the header with the store revision.</summary>
internal interface IEtcdResponse
{
    ResponseHeader? Header { get; }
}
