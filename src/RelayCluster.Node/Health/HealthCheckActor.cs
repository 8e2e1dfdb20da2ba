using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayCluster.Node.Actors;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Health;

/// <summary>
/// The health checks of one rule: probes every upstream each <c>interval</c> (±10%) off the actor, turns results and
/// <see cref="PassiveFailure"/> messages into verdicts by rise and fall, sets <see cref="UpstreamState.Health"/>, and
/// logs and reports each change once as <see cref="UpstreamHealthChanged"/>. With <c>check = none</c> it leaves every
/// upstream unknown, which keeps it available.
/// </summary>
internal sealed partial class HealthCheckActor : ReceiveActor, IWithTimers, IDisposable
{
    private readonly HealthConfig _config;
    private readonly string _rule;
    private readonly ILogger _logger;
    private readonly IActorRef? _notify;
    private readonly IHealthProbe? _probe;
    private readonly Random _random;
    private readonly TimeProvider _clock;
    private readonly UpstreamProbeState[] _states;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IProbeDurations? _metrics;

    /// <summary>Creates the health checks of one rule.</summary>
    /// <param name="config">The rule's <c>health</c> config.</param>
    /// <param name="rule">The rule's name, for the log.</param>
    /// <param name="upstreams">The rule's upstreams; their verdicts so far are kept, so a reload does not forget them.</param>
    /// <param name="logger">Where verdict changes are logged.</param>
    /// <param name="timeProvider">Times the probes' timeouts and measures their durations; the system clock when null. Probes are scheduled on the actor system's scheduler.</param>
    /// <param name="notify">Receives <see cref="UpstreamHealthChanged"/>, such as the rule's router.</param>
    /// <param name="probe">The probe to run; made from <paramref name="config"/> when null.</param>
    /// <param name="random">The randomness of the jitter; seed it in tests.</param>
    /// <param name="metrics">The node's metrics, which record each probe's duration; none when null.</param>
    public HealthCheckActor(
        HealthConfig config, string rule, IReadOnlyList<UpstreamState> upstreams, ILogger logger,
        TimeProvider? timeProvider = null, IActorRef? notify = null, IHealthProbe? probe = null, Random? random = null,
        IProbeDurations? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(upstreams);
        _config = config;
        _rule = rule;
        _logger = logger;
        _notify = notify;
        _metrics = metrics;
        _random = random ?? new Random();
        _clock = timeProvider ?? TimeProvider.System;
        _probe = config.Check == HealthCheckKind.None ? null : probe ?? HealthProbes.Create(config, _clock);
        var policy = HealthPolicy.From(config);
        _states = [.. upstreams.Select(upstream => new UpstreamProbeState(upstream, new UpstreamHealthTracker(policy, upstream.Health)))];
        Receive<ProbeDue>(due => StartProbe(due.Index));
        Receive<ProbeCompleted>(OnProbeCompleted);
        Receive<PassiveFailure>(OnPassiveFailure);
        Receive<RestartStalledProbes>(_ => RestartStalled());
        Receive<GetUpstreamHealth>(_ => Sender.Tell(Array.ConvertAll(_states, state => state.Snapshot())));
        Receive<GetActorTree>(_ => Sender.Tell(new ActorTree([Self.Path.ToStringWithoutAddress()])));
    }

    /// <summary>The actor's timers: one per upstream for its next probe, and the watchdog.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a health actor; the parameters are those of the constructor.</summary>
    public static Props Props(
        HealthConfig config, string rule, IReadOnlyList<UpstreamState> upstreams, ILogger logger,
        TimeProvider? timeProvider = null, IActorRef? notify = null, IHealthProbe? probe = null, Random? random = null,
        IProbeDurations? metrics = null) =>
        Akka.Actor.Props.Create(() => new HealthCheckActor(config, rule, upstreams, logger, timeProvider, notify, probe, random, metrics));

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_probe is null)
        {
            ForgetVerdicts();
            return;
        }

        for (var i = 0; i < _states.Length; i++)
        {
            Schedule(i, _config.Interval * (_random.NextDouble() * JitterFraction));
        }

        Timers.StartPeriodicTimer(RestartStalledProbes.Instance, RestartStalledProbes.Instance, _config.Interval);
    }

    /// <inheritdoc />
    protected override void PostStop() => Dispose();

    /// <summary>Cancels the probes in flight, whose sockets close at once; called when the actor stops.</summary>
    public void Dispose()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }
}
