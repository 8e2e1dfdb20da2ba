using System.Net;

namespace RelayCluster.Bench.Tcp;

/// <summary>What one <c>tcp-load</c> run sends: where, over how many connections, how big each request and response is, how long.</summary>
internal sealed record TcpLoadOptions(
    IPEndPoint Target,
    int Connections,
    int RequestSize,
    int ResponseSize,
    TimeSpan Duration,
    TimeSpan Warmup)
{
    /// <summary>Whether a response must be the request itself, as from an echo; only then is its content checked.</summary>
    public bool ExpectsEcho => RequestSize == ResponseSize;
}
