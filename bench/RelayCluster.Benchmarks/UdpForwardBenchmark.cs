using BenchmarkDotNet.Attributes;

namespace RelayCluster.Benchmarks;

/// <summary>
/// A round trip through the relay's UDP path (client → listener → session socket → echo → session → listener → client).
/// MemoryDiagnoser reports process-wide allocations, so 0 B means the relay allocated nothing for the two datagrams.
/// </summary>
[MemoryDiagnoser]
public class UdpForwardBenchmark
{
    private readonly byte[] _payload = new byte[1200];
    private RelayUnderTest? _relay;

    [Params(64, 1200)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _relay = new RelayUnderTest();
        _relay.StartAsync().GetAwaiter().GetResult();
        _relay.RoundTrip(_payload);
    }

    [Benchmark]
    public int RoundTrip() => _relay!.RoundTrip(_payload.AsSpan(0, Size));

    [GlobalCleanup]
    public void Cleanup() => _relay!.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
