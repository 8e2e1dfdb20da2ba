using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Cluster;

/// <summary>
/// Joins a <see cref="IRelayNode"/> to its cluster through an <see cref="IBackplane"/>: registers the node, applies the
/// cluster's rules and upstream admin states as they change (a hot reload on every node), feeds other members'
/// session counts to the cluster-scope balancing, publishes this node's load every <c>stats-interval</c>, and walks
/// the member states on leave and on down.
/// </summary>
public sealed partial class ClusterCoordinator : IAsyncDisposable
{
    private static readonly TimeSpan s_ruleRetryInterval = TimeSpan.FromSeconds(5);
    private readonly ClusterConfig _config;
    private readonly ILogger _logger;
    private readonly Channel<ClusterView> _views = Channel.CreateBounded<ClusterView>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _downed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, StoredRule> _applied = new(StringComparer.Ordinal);
    private readonly BoundRules _bound = new();
    private readonly Lock _membersLock = new();
    private IReadOnlyList<Member> _members = [];
    private Task _viewLoop = Task.CompletedTask;
    private Task _statsLoop = Task.CompletedTask;
    private long _retryAt;
    private volatile bool _ready;
    private volatile MemberStatus _status = MemberStatus.Joining;

    /// <summary>Creates the coordinator of <paramref name="node"/> on <paramref name="backplane"/>.</summary>
    public ClusterCoordinator(IRelayNode node, IBackplane backplane, string version, ILogger<ClusterCoordinator> logger)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(backplane);
        Node = node;
        Backplane = backplane;
        _config = node.Config.Cluster;
        _logger = logger;
        Self = new Member(node.Config.Node.Id, "", node.Config.Node.Roles, version, DateTimeOffset.UtcNow, MemberStatus.Joining);
    }

    /// <summary>The node this coordinator joins to the cluster.</summary>
    public IRelayNode Node { get; }

    /// <summary>The cluster's backplane.</summary>
    public IBackplane Backplane { get; }

    /// <summary>This node as it registers itself.</summary>
    public Member Self { get; private set; }

    /// <summary>This node's status.</summary>
    public MemberStatus Status => _status;

    /// <summary>True once the cluster's rules are applied and the node is up; false again while it leaves.</summary>
    public bool Ready => _ready;

    /// <summary>Membership changes, for <c>relayctl cluster tail</c>.</summary>
    public MemberEventFeed Events { get; } = new();

    /// <summary>This node's rates per rule.</summary>
    public LoadSampler Load { get; } = new();

    /// <summary>Completes when an operator marked this node down: it has stopped taking sessions and must exit non-zero.</summary>
    public Task Downed => _downed.Task;

    /// <summary>
    /// Registers the node with <paramref name="adminUrl"/> as its admin API, seeds an empty cluster with
    /// <paramref name="seed"/>, applies the cluster's rules and goes up. <paramref name="fileRules"/> are the seed's rules as
    /// the loader validated them from the config files: while the cluster holds the same documents, they are what runs.
    /// </summary>
    public async Task StartAsync(IReadOnlyList<StoredRule> seed, IReadOnlyList<RuleConfig> fileRules, string adminUrl, CancellationToken cancellationToken)
    {
        _bound.AddFileRules(seed, fileRules);
        Self = Self with { AdminUrl = adminUrl, StartedAt = DateTimeOffset.UtcNow };
        Backplane.Changed += OnChanged;
        await Backplane.StartAsync(Self, seed, cancellationToken);
        PublishMemberEvents(Backplane.View.Members);
        await ApplyViewAsync(Backplane.View, cancellationToken);
        _viewLoop = Task.Run(() => ViewLoopAsync(_stopping.Token), CancellationToken.None);
        _statsLoop = Task.Run(() => StatsLoopAsync(_stopping.Token), CancellationToken.None);
        await SetStatusAsync(MemberStatus.Up, cancellationToken);
        _ready = true;
        Log.Joined(_logger, Self.Id, Backplane.Kind, Backplane.View.Rules.Count);
    }

    /// <summary>Graceful leave: leaving (no new sessions, drain for <paramref name="grace"/>), exiting, removed.</summary>
    public async Task LeaveAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        _ready = false;
        await TrySetStatusAsync(MemberStatus.Leaving, cancellationToken);
        await Node.DrainAsync(grace, cancellationToken);
        await TrySetStatusAsync(MemberStatus.Exiting, cancellationToken);
        await _stopping.CancelAsync();
        try
        {
            await Backplane.LeaveAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The lease lapses by itself; the others then see this node unreachable and removed.
            Log.LeaveFailed(_logger, e.Message);
        }

        _status = MemberStatus.Removed;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Backplane.Changed -= OnChanged;
        await _stopping.CancelAsync();
        await Task.WhenAll(_viewLoop, _statsLoop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task SetStatusAsync(MemberStatus status, CancellationToken cancellationToken)
    {
        _status = status;
        await Backplane.SetStatusAsync(status, cancellationToken);
    }

    private async Task TrySetStatusAsync(MemberStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await SetStatusAsync(status, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.StatusNotPublished(_logger, status, e.Message);
        }
    }

    private void OnChanged(ClusterView view)
    {
        PublishMemberEvents(view.Members);
        _views.Writer.TryWrite(view);
    }

    private async Task ViewLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var view in _views.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await ApplyViewAsync(view, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    Log.ViewFailed(_logger, e.Message, e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task StatsLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_config.StatsInterval);
        try
        {
            do
            {
                if (Volatile.Read(ref _retryAt) is > 0 and var retryAt && Environment.TickCount64 >= retryAt)
                {
                    Volatile.Write(ref _retryAt, 0);
                    _views.Writer.TryWrite(Backplane.View);
                }

                var stats = Load.Sample(Node, DateTimeOffset.UtcNow);
                try
                {
                    await Backplane.PublishStatsAsync(stats, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The backplane reports its own disconnection; the next tick publishes again.
                    Log.StatsNotPublished(_logger, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
