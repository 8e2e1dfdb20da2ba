namespace RelayCluster.Node.Tests.Admission;

/// <summary>
/// Samples gauges on its own thread, about every millisecond, and keeps the peak of each, so a cap that is overrun only
/// for a moment still shows. Gauges that cost more to read (such as counting descriptors) are sampled every 50 ms.
/// </summary>
internal sealed class PeakSampler : IDisposable
{
    private readonly (Func<long> Read, bool Costly)[] _gauges;
    private readonly long[] _peaks;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();

    public PeakSampler(params (Func<long> Read, bool Costly)[] gauges)
    {
        _gauges = gauges;
        _peaks = gauges.Select(gauge => gauge.Read()).ToArray();
        _thread = new Thread(Run) { IsBackground = true, Name = "peak-sampler" };
        _thread.Start();
    }

    /// <summary>The highest value gauge <paramref name="index"/> has shown.</summary>
    public long Peak(int index) => Interlocked.Read(ref _peaks[index]);

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private void Run()
    {
        for (var round = 1; !_stop.IsSet; round++)
        {
            for (var i = 0; i < _gauges.Length; i++)
            {
                if (!_gauges[i].Costly || round % 50 == 0)
                {
                    var value = _gauges[i].Read();
                    if (value > _peaks[i])
                    {
                        Interlocked.Exchange(ref _peaks[i], value);
                    }
                }
            }

            _stop.Wait(1);
        }
    }
}
