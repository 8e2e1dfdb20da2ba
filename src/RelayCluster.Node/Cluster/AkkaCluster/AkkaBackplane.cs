using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Affinity;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>
/// The cluster backplane on Akka.Cluster: membership and reachability are Akka's, the shared state (member metadata,
/// rules, upstream admin states, load stats) lives in DistributedData, and rule writes go through a singleton. The
/// backplane owns its cluster ActorSystem, apart from anything the relay runs on: when the system is downed or
/// stops (split-brain resolver, partition, quarantine) the node keeps relaying with its last rules, reports the
/// cluster as disconnected, and joins again with a new ActorSystem (a new incarnation).
/// </summary>
public sealed partial class AkkaBackplane : IBackplane
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_rejoinPause = TimeSpan.FromSeconds(1);
    private readonly RelayConfig _config;
    private readonly AffinityTable? _affinity;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _connectedOnce = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClusterView _view = ClusterView.Empty;
    private ClusterSnapshot? _snapshot;
    private ClusterIncarnation? _incarnation;
    private Member? _self;
    private IReadOnlyList<StoredRule> _seed = [];
    private int _incarnations;
    private bool _seeded;
    private bool _seeding;
    private volatile bool _leaving;
    private volatile bool _operatorDowned;

    /// <summary>
    /// Creates the backplane of <paramref name="config"/>, sharing <paramref name="affinity"/> with the cluster when it is
    /// set; nothing starts before <see cref="StartAsync"/>.
    /// </summary>
    public AkkaBackplane(RelayConfig config, ILogger<AkkaBackplane> logger, AffinityTable? affinity = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _logger = logger;
        _affinity = affinity;
    }

    /// <inheritdoc />
    public string Kind => "akka";

    /// <inheritdoc />
    public ClusterView View => Volatile.Read(ref _view);

    /// <inheritdoc />
    public event Action<ClusterView>? Changed;

    /// <summary>The running incarnation, or null between two.</summary>
    public ClusterIncarnation? Incarnation => Volatile.Read(ref _incarnation);

    /// <summary>How many cluster systems this backplane started so far.</summary>
    public int Incarnations => Volatile.Read(ref _incarnations);

    /// <inheritdoc />
    /// <remarks>
    /// Waits up to 10 s to join and read the cluster's rules; past that the node runs the rules it has (the durable
    /// state's, else the config file's) and goes on joining, since relaying never waits for the cluster.
    /// </remarks>
    public async Task StartAsync(Member self, IReadOnlyList<StoredRule> seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(seed);
        _self = self;
        _seed = seed;
        lock (_lock)
        {
            var rules = seed.ToDictionary(rule => rule.Name, rule => rule with { Revision = 1 }, StringComparer.Ordinal);
            PublishLocked(ClusterView.Empty with { Members = [self], Rules = rules });
        }

        StartIncarnation();
        try
        {
            await _connectedOnce.Task.WaitAsync(s_startTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Log.StartNotConnected(_logger, s_startTimeout.TotalSeconds);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (Interlocked.Exchange(ref _incarnation, null) is { } incarnation)
        {
            await incarnation.System.Terminate();
        }

        _stopping.Dispose();
    }

    private Member Self => _self ?? throw new InvalidOperationException("The backplane has not started.");

    private void StartIncarnation()
    {
        var number = Interlocked.Increment(ref _incarnations);
        var info = new MemberInfo(Self.Id, Self.AdminUrl, Self.Roles, Self.Version, Self.StartedAt);
        var settings = AkkaSettings.Build(_config);
        var incarnation = ClusterIncarnation.Start(number, _config.Cluster.Name, settings, info, snapshot => OnSnapshot(number, snapshot), _affinity);
        Volatile.Write(ref _incarnation, incarnation);
        Log.IncarnationStarted(_logger, incarnation.Cluster.SelfAddress.ToString(), number, string.Join(", ", _config.Cluster.Akka.SeedNodes));
        incarnation.System.WhenTerminated.ContinueWith(_ => OnTerminated(incarnation), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void OnTerminated(ClusterIncarnation incarnation)
    {
        if (_stopping.IsCancellationRequested || _leaving || _operatorDowned)
        {
            return;
        }

        Log.IncarnationLost(_logger, incarnation.Cluster.SelfAddress.ToString());
        lock (_lock)
        {
            if (Volatile.Read(ref _incarnation) == incarnation)
            {
                Volatile.Write(ref _incarnation, null);
            }

            _snapshot = null;
            PublishLocked(View with { Connected = false });
        }

        _ = Task.Run(RejoinAsync, CancellationToken.None);
    }

    private async Task RejoinAsync()
    {
        var pause = s_rejoinPause;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(pause, _stopping.Token);
                StartIncarnation();
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The remoting port may still be held by the old system for a moment.
                Log.IncarnationFailed(_logger, e.Message);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task SeedAsync(ClusterIncarnation incarnation)
    {
        var pause = TimeSpan.FromMilliseconds(500);
        while (!_stopping.IsCancellationRequested && Volatile.Read(ref _incarnation) == incarnation)
        {
            try
            {
                var reply = await incarnation.RuleWriter.Ask<RuleWriteReply>(new SeedRules(_seed), TimeSpan.FromSeconds(10), _stopping.Token);
                if (reply.Outcome == RuleWriteOutcome.Written)
                {
                    lock (_lock)
                    {
                        _seeded = true;
                        if (_snapshot is { } snapshot)
                        {
                            PublishLocked(BuildView(snapshot));
                        }
                    }

                    return;
                }

                Log.SeedFailed(_logger, reply.Detail ?? reply.Outcome.ToString());
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                Log.SeedFailed(_logger, e.Message);
            }

            await Task.Delay(pause, CancellationToken.None);
        }

        lock (_lock)
        {
            _seeding = false;
        }
    }

    // Called under the lock, so views are published in order.
    private void PublishLocked(ClusterView view)
    {
        var before = Volatile.Read(ref _view);
        Volatile.Write(ref _view, view);
        if (before.Connected != view.Connected)
        {
            Log.ConnectionChanged(_logger, view.Connected);
        }

        if (view.Connected)
        {
            _connectedOnce.TrySetResult();
        }

        Changed?.Invoke(view);
    }
}
