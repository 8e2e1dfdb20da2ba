using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Etcd;
using RelayCluster.Etcd.Kv;

namespace RelayCluster.Node.Cluster.Etcd;

/// <summary>
/// The cluster backplane on etcd: the node's member key and stats live on a lease renewed every heartbeat (TTL
/// <c>failure-timeout</c>); rules and upstream admin states are plain keys changed by compare-and-set; one watch on the
/// cluster's prefix, resumed from the last revision seen, keeps the view current on every node. When etcd cannot be
/// reached the node keeps its last view, says it is disconnected (once per transition), retries with backoff, and
/// on return renews or re-creates its lease and registration.
/// </summary>
public sealed partial class EtcdBackplane : IBackplane
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(15);
    private readonly ClusterConfig _config;
    private readonly EtcdClient _client;
    private readonly EtcdKeys _keys;
    private readonly EtcdClusterState _state;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private ClusterView _view = ClusterView.Empty;
    private Member? _self;
    private long _lease;
    private bool _connected = true;
    private bool _leaving;
    private Task _watchLoop = Task.CompletedTask;
    private Task _heartbeatLoop = Task.CompletedTask;

    /// <summary>Creates the backplane of <paramref name="config"/>; nothing is contacted before <see cref="StartAsync"/>.</summary>
    public EtcdBackplane(ClusterConfig config, ILogger<EtcdBackplane> logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _logger = logger;
        _keys = new EtcdKeys(config.Etcd.Prefix, config.Name);
        _state = new EtcdClusterState(_keys);
        // Long enough for a busy etcd's fsync, short enough that a dead endpoint is left within a failure timeout.
        var requestTimeout = TimeSpan.FromTicks(Math.Clamp(config.HeartbeatInterval.Ticks * 2, TimeSpan.FromSeconds(2).Ticks, TimeSpan.FromSeconds(5).Ticks));
        _client = new EtcdClient(new EtcdClientOptions { Endpoints = config.Etcd.Endpoints, RequestTimeout = requestTimeout });
    }

    /// <inheritdoc />
    public string Kind => "etcd";

    /// <inheritdoc />
    public ClusterView View => Volatile.Read(ref _view);

    /// <inheritdoc />
    public event Action<ClusterView>? Changed;

    /// <inheritdoc />
    public async Task StartAsync(Member self, IReadOnlyList<StoredRule> seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(seed);
        _self = self;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(s_startTimeout);
        try
        {
            _lease = await RetryAsync(token => _client.LeaseGrantAsync(_config.FailureTimeout, token), deadline.Token) is { } lease ? lease.Id : 0;
            await RetryAsync(token => SeedAsync(seed, token), deadline.Token);
            await RetryAsync(token => _client.PutAsync(_keys.Member(self.Id), EtcdJson.Write(MemberRecord.From(self, _lease)), _lease, token), deadline.Token);
            var read = await RetryAsync(token => _client.RangeAsync(_keys.Root, prefix: true, token), deadline.Token);
            lock (_lock)
            {
                _state.Load(read.Kvs);
                PublishLocked();
            }

            _watchLoop = Task.Run(() => WatchLoopAsync(read.Revision + 1, _stopping.Token), CancellationToken.None);
            _heartbeatLoop = Task.Run(() => HeartbeatLoopAsync(_stopping.Token), CancellationToken.None);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"etcd at {string.Join(", ", _config.Etcd.Endpoints)} could not be reached within {s_startTimeout.TotalSeconds:0} s; the node does not start without its cluster's rules.");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_watchLoop, _heartbeatLoop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _client.Dispose();
        _stopping.Dispose();
    }

    private Member Self => _self ?? throw new InvalidOperationException("The backplane has not started.");

    /// <summary>The first node of a new cluster writes its rules and the <c>seeded</c> mark in one transaction; later nodes find the mark and write nothing.</summary>
    private async Task<EtcdResult<EtcdTxnResult>> SeedAsync(IReadOnlyList<StoredRule> seed, CancellationToken cancellationToken)
    {
        var writes = seed
            .Select(rule => EtcdOperation.Put(_keys.Rule(rule.Name), System.Text.Encoding.UTF8.GetBytes(rule.Json)))
            .Append(EtcdOperation.Put(_keys.Seeded, System.Text.Encoding.UTF8.GetBytes(Self.Id)))
            .ToList();
        var result = await _client.TxnAsync([EtcdCompare.CreateRevision(_keys.Seeded, EtcdCompareOperator.Equal, 0)], writes, [], cancellationToken);
        if (result.IsSuccess && result.Value.Succeeded)
        {
            Log.Seeded(_logger, seed.Count);
        }

        return result;
    }

    private void PublishLocked()
    {
        var view = _state.View(_connected);
        Volatile.Write(ref _view, view);
        Changed?.Invoke(view);
    }

    /// <summary>Notes the outcome of a call: the first failure after success (and the reverse) changes the view and is logged once.</summary>
    private void Observe(EtcdError? error)
    {
        var connected = error is null || error.Kind is not (EtcdErrorKind.Unavailable or EtcdErrorKind.Timeout);
        lock (_lock)
        {
            if (connected == _connected)
            {
                return;
            }

            _connected = connected;
            if (connected)
            {
                Log.Reconnected(_logger);
            }
            else
            {
                Log.Disconnected(_logger, error!.Message);
            }

            PublishLocked();
        }
    }

    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<EtcdResult<T>>> call, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var result = await call(cancellationToken);
            Observe(result.Error);
            if (result.IsSuccess)
            {
                return result.Value;
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }
}
