using System.Net;

namespace RelayCluster.Bench.Udp;

/// <summary>What one <c>udp-load</c> run sends: where, how many flows, how many datagrams in flight each, how long.</summary>
internal sealed record UdpLoadOptions(
    IPEndPoint Target,
    int Flows,
    int Window,
    int Size,
    TimeSpan Duration,
    TimeSpan Warmup,
    TimeSpan Timeout,
    int Threads);
