using System.Diagnostics;

namespace RelayCluster.Testing.Etcd;

public sealed partial class EtcdServer
{
    internal void Launch()
    {
        if (_process is { } exited)
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            exited.Dispose();
        }

        var start = new ProcessStartInfo(EtcdExecutable.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(key => key.StartsWith("ETCD", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var argument in Arguments())
        {
            start.ArgumentList.Add(argument);
        }

        _output.Clear();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Remember(line.Data);
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    internal async Task<EtcdStartState> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_process is not { } process)
        {
            return EtcdStartState.Exited;
        }

        if (process.HasExited)
        {
            // Lets the output readers reach the end, so the reason is in RecentOutput.
            await process.WaitForExitAsync(cancellationToken);
            return RecentOutput.Contains("address already in use", StringComparison.Ordinal) ? EtcdStartState.PortConflict : EtcdStartState.Exited;
        }

        try
        {
            var body = await s_health.GetStringAsync(new Uri(ClientUrl, "/health"), cancellationToken);
            return body.Contains("\"true\"", StringComparison.Ordinal) ? EtcdStartState.Ready : EtcdStartState.Starting;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return EtcdStartState.Starting;
        }
    }

    /// <summary>Waits until every server serves, or one of them exits, or the start timeout passes.</summary>
    internal static async Task<EtcdStartState> WaitReadyAsync(IReadOnlyList<EtcdServer> servers, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_startTimeout;
        while (true)
        {
            var states = await Task.WhenAll(servers.Select(server => server.ProbeAsync(cancellationToken)));
            foreach (var state in states)
            {
                if (state is EtcdStartState.PortConflict or EtcdStartState.Exited)
                {
                    return state;
                }
            }

            if (states.All(state => state == EtcdStartState.Ready))
            {
                return EtcdStartState.Ready;
            }

            if (DateTime.UtcNow >= deadline)
            {
                var waiting = servers.Where((_, i) => states[i] != EtcdStartState.Ready);
                throw new TimeoutException($"etcd did not become healthy within {s_startTimeout}: "
                    + string.Join("; ", waiting.Select(server => $"{server}: {server.RecentOutput}")));
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private IEnumerable<string> Arguments()
    {
        var client = ClientUrl.GetLeftPart(UriPartial.Authority);
        var peer = PeerUrl.GetLeftPart(UriPartial.Authority);
        return
        [
            "--name", Name,
            "--data-dir", DataDirectory,
            "--listen-client-urls", client,
            "--advertise-client-urls", client,
            "--listen-peer-urls", peer,
            "--initial-advertise-peer-urls", peer,
            "--initial-cluster", _initialCluster,
            "--initial-cluster-token", _clusterToken,
            "--initial-cluster-state", "new",
            // Loopback answers in microseconds: elect in well under a second, leases can be as short as 1 s.
            "--heartbeat-interval", "50",
            "--election-timeout", "500",
            "--logger", "zap",
            "--log-outputs", "stderr",
            "--log-level", "warn",
        ];
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 30 && _output.TryDequeue(out _))
        {
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            _process?.Kill();
        }
        catch (InvalidOperationException)
        {
        }
    }
}
