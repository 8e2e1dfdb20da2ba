using System.Diagnostics;
using RelayCluster.Bench.Measuring;

namespace RelayCluster.Bench.Tcp;

/// <summary>Runs the connections of one <c>tcp-load</c>: warm up, measure for the duration, stop, add up.</summary>
internal static class TcpLoad
{
    /// <summary>How long connections may take to finish the request they are in before their sockets are closed under them.</summary>
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(1);

    public static async Task<TcpLoadResult> RunAsync(TcpLoadOptions options, CancellationToken cancellationToken)
    {
        using var run = new TcpLoadRun(options);
        var connections = new TcpLoadConnection[options.Connections];
        var loops = new Task[connections.Length];
        for (var i = 0; i < connections.Length; i++)
        {
            connections[i] = new TcpLoadConnection(run);
            loops[i] = Task.Run(connections[i].RunAsync, CancellationToken.None);
        }

        var cancelled = !await DelayAsync(options.Warmup, cancellationToken);
        run.StartMeasuring();
        if (!cancelled)
        {
            await DelayAsync(options.Duration, cancellationToken);
        }

        run.StopMeasuring();
        run.Stop();
        var all = Task.WhenAll(loops);
        if (await Task.WhenAny(all, Task.Delay(s_stopGrace, CancellationToken.None)) != all)
        {
            foreach (var connection in connections)
            {
                connection.Close();
            }
        }

        await all;
        return Summarize(run, connections);
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

    private static TcpLoadResult Summarize(TcpLoadRun run, TcpLoadConnection[] connections)
    {
        var counters = default(TcpLoadCounters);
        var histogram = new LatencyHistogram();
        foreach (var connection in connections)
        {
            counters.Add(connection.Counters);
            histogram.Add(connection.Histogram);
        }

        var seconds = Math.Max(0, run.MeasureEnd - run.MeasureStart) / (double)Stopwatch.Frequency;
        return new TcpLoadResult(run.Options, seconds, counters, histogram, run.FirstError);
    }
}
