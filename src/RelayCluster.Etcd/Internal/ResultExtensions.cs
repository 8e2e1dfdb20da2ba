namespace RelayCluster.Etcd.Internal;

internal static class ResultExtensions
{
    public static EtcdResult<TOut> Map<TIn, TOut>(this EtcdResult<TIn> result, Func<TIn, TOut> map) =>
        result.IsSuccess ? new EtcdResult<TOut>(map(result.Value)) : new EtcdResult<TOut>(result.Error);

    public static long Revision(this IEtcdResponse response) => response.Header?.Revision ?? 0;
}
