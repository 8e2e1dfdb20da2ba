using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace RelayCluster.Testing.Etcd;

/// <summary>
/// A real etcd process on free loopback ports with its own data directory, for tests. It can be stopped, killed and
/// started again on the same data directory and ports, so tests can take etcd away and bring it back.
/// </summary>
public sealed partial class EtcdServer : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(5);
    private static readonly HttpClient s_health = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(1) };

    private readonly string _root;
    private readonly string _initialCluster;
    private readonly string _clusterToken;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    internal EtcdServer(string name, int clientPort, int peerPort, string? initialCluster, string clusterToken)
    {
        Name = name;
        ClientUrl = new Uri($"http://127.0.0.1:{clientPort}");
        PeerUrl = new Uri($"http://127.0.0.1:{peerPort}");
        _initialCluster = initialCluster ?? $"{name}={PeerUrl.GetLeftPart(UriPartial.Authority)}";
        _clusterToken = clusterToken;
        _root = Directory.CreateTempSubdirectory("relaycluster-etcd-").FullName;
    }

    /// <summary>The member name (<c>--name</c>).</summary>
    public string Name { get; }

    /// <summary>The URL clients use, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public Uri ClientUrl { get; }

    /// <summary>The URL the cluster members talk to each other on.</summary>
    public Uri PeerUrl { get; }

    /// <summary>The data directory, kept across stops and restarts.</summary>
    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Whether the etcd process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The last lines etcd wrote, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Starts a single-member etcd on free ports and waits until it serves; tries new ports if one was taken meanwhile.</summary>
    public static async Task<EtcdServer> StartNewAsync(string name = "etcd", CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = new EtcdServer(name, FreePorts.Next(), FreePorts.Next(), null, $"relay-test-{Guid.NewGuid():N}");
            try
            {
                server.Launch();
                var state = await WaitReadyAsync([server], cancellationToken);
                if (state == EtcdStartState.Ready)
                {
                    return server;
                }

                if (state != EtcdStartState.PortConflict || attempt == 3)
                {
                    throw server.StartFailure(state);
                }
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }

            await server.DisposeAsync();
        }
    }

    /// <summary>Starts etcd again on the same data directory and ports and waits until it serves.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        Launch();
        var state = await WaitReadyAsync([this], cancellationToken);
        if (state != EtcdStartState.Ready)
        {
            throw StartFailure(state);
        }
    }

    /// <summary>Stops etcd gracefully (SIGTERM), killing it if it has not exited within 5 s.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            try
            {
                using var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) } });
                if (signal is not null)
                {
                    await signal.WaitForExitAsync();
                }
            }
            catch (Win32Exception)
            {
                // No kill(1) here: the SIGKILL below has to do.
            }

            using var grace = new CancellationTokenSource(s_stopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await KillAsync();
    }

    /// <summary>Kills etcd at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>Kills etcd and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Formats the member name and client URL.</summary>
    public override string ToString() => $"etcd {Name} at {ClientUrl}";

    internal Exception StartFailure(EtcdStartState state) => state == EtcdStartState.PortConflict
        ? new InvalidOperationException($"{this} could not bind its ports (taken by another process): {RecentOutput}")
        : new InvalidOperationException($"{this} exited while starting: {RecentOutput}");
}
