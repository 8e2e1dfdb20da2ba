using System.Diagnostics;
using RelayCluster.Bench.Measuring;

namespace RelayCluster.Bench.Udp;

/// <summary>Runs the flows of one <c>udp-load</c>: warm up, measure for the duration, stop, add up.</summary>
internal static class UdpLoad
{
    public static async Task<UdpLoadResult> RunAsync(UdpLoadOptions options, CancellationToken cancellationToken)
    {
        var run = new UdpLoadRun(options, (uint)Random.Shared.Next());
        var flows = new UdpLoadFlow[options.Flows];
        try
        {
            for (var i = 0; i < flows.Length; i++)
            {
                flows[i] = new UdpLoadFlow(run, i);
            }

            var threads = Math.Min(options.Threads, flows.Length);
            var pollers = new UdpLoadPoller[threads];
            for (var t = 0; t < threads; t++)
            {
                pollers[t] = new UdpLoadPoller(run, flows.Where((_, i) => i % threads == t).ToArray(), t);
                pollers[t].Start();
            }

            var cancelled = !await DelayAsync(options.Warmup, cancellationToken);
            run.StartMeasuring();
            if (!cancelled)
            {
                await DelayAsync(options.Duration, cancellationToken);
            }

            run.StopMeasuring();
            run.Stop();
            foreach (var poller in pollers)
            {
                poller.Join();
            }

            return Summarize(run, flows);
        }
        finally
        {
            foreach (var flow in flows)
            {
                flow?.Dispose();
            }
        }
    }

    /// <summary>Waits; false when cancelled first.</summary>
    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static UdpLoadResult Summarize(UdpLoadRun run, UdpLoadFlow[] flows)
    {
        var counters = default(UdpLoadCounters);
        var histogram = new LatencyHistogram();
        foreach (var flow in flows)
        {
            counters.Add(flow.Counters);
            histogram.Add(flow.Histogram);
        }

        var seconds = Math.Max(0, run.MeasureEnd - run.MeasureStart) / (double)Stopwatch.Frequency;
        return new UdpLoadResult(run.Options, seconds, counters, histogram);
    }
}
