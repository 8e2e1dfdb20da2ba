using System.Diagnostics;

namespace RelayCluster.Bench.Tcp;

/// <summary>State every connection of one <c>tcp-load</c> run shares: its options, the measuring window and the stop signal.</summary>
internal sealed class TcpLoadRun : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private long _measureStart = long.MaxValue;
    private long _measureEnd = long.MaxValue;
    private string? _firstError;

    public TcpLoadRun(TcpLoadOptions options) => Options = options;

    public TcpLoadOptions Options { get; }

    public bool Stopping => _stop.IsCancellationRequested;

    /// <summary>Cancelled when the run stops, to end connects and back-offs that are waiting.</summary>
    public CancellationToken StopToken => _stop.Token;

    public long MeasureStart => Volatile.Read(ref _measureStart);

    public long MeasureEnd => Volatile.Read(ref _measureEnd);

    /// <summary>The first failure any connection saw, to tell the user what went wrong.</summary>
    public string? FirstError => Volatile.Read(ref _firstError);

    public bool IsMeasuring(long timestamp) => timestamp >= Volatile.Read(ref _measureStart) && timestamp < Volatile.Read(ref _measureEnd);

    public void StartMeasuring() => Volatile.Write(ref _measureStart, Stopwatch.GetTimestamp());

    public void StopMeasuring() => Volatile.Write(ref _measureEnd, Stopwatch.GetTimestamp());

    public void Stop() => _stop.Cancel();

    public void ReportError(string error) => Interlocked.CompareExchange(ref _firstError, error, null);

    public void Dispose() => _stop.Dispose();
}
