using System.Net;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Affinity;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Health;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Metrics;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tls;

namespace RelayCluster.Node.Hosting;

/// <summary>
/// One relay node: an actor system with a router per rule and a listener per rule, started from a validated config.
/// Usable in process (tests) and from the hosted service of <c>relay-node</c>.
/// </summary>
public sealed partial class RelayNode : IRelayNode, IAsyncDisposable
{
    private static readonly TimeSpan s_askTimeout = TimeSpan.FromSeconds(10);
    private readonly NodeActorSystem _actors;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _ruleChanges = new(1, 1);
    private readonly ILoggerFactory _loggerFactory;
    // Swapped whole, never changed in place: metrics and the admin API read the rules from other threads.
    private volatile RelayRule[] _rules = [];
    private readonly Dictionary<string, int> _actorGenerations = [];
    private readonly IActorRef _abandonedSessions;

    private readonly UdpIo _udpIo;
    private readonly TcpIo _tcpIo;

    private RelayNode(RelayConfig config, NodeActorSystem actors, SessionBudget budget, ILoggerFactory loggerFactory, UdpIo udpIo, TcpIo tcpIo)
    {
        _loggerFactory = loggerFactory;
        _udpIo = udpIo;
        _tcpIo = tcpIo;
        Config = config;
        _actors = actors;
        _abandonedSessions = actors.System.ActorOf(Props.Create<AbandonedSessionActor>(), "abandoned-sessions");
        Budget = budget;
        _logger = loggerFactory.CreateLogger<RelayNode>();
        Metrics = new RelayMetrics(() => _rules, config.Node.Id, config.Metrics.Otlp);
        Affinity = new AffinityTable(() => _rules);
        Metrics.Affinity = Affinity;
    }

    /// <summary>The config the node runs.</summary>
    public RelayConfig Config { get; }

    /// <summary>The node's actors.</summary>
    public ActorSystem Actors => _actors.System;

    /// <summary>The file descriptors sessions may hold on this node.</summary>
    public SessionBudget Budget { get; }

    /// <summary>The node's metrics: its meter's instruments and their exporters.</summary>
    public RelayMetrics Metrics { get; }

    /// <summary>Which upstream each udp client was given, as the cluster shares it (<c>session.affinity = cluster</c>).</summary>
    public AffinityTable Affinity { get; }

    /// <summary>The running rules: a snapshot, replaced as a whole when rules change.</summary>
    public IReadOnlyList<RelayRule> Rules => _rules;

    /// <summary>The running rule named <paramref name="name"/>.</summary>
    public RelayRule Rule(string name) => _rules.Single(rule => rule.Name == name);

    /// <summary>The running rule named <paramref name="name"/>, or null.</summary>
    public RelayRule? FindRule(string name) => _rules.FirstOrDefault(rule => rule.Name == name);

    /// <summary>Starts every rule of <paramref name="config"/>; throws when a rule cannot start (the node must not run half its rules).</summary>
    public static async Task<RelayNode> StartAsync(
        RelayConfig config, ILoggerFactory loggerFactory, SessionBudget budget, UdpIo udpIo = UdpIo.Default, TcpIo tcpIo = TcpIo.Default,
        CancellationToken cancellationToken = default)
    {
        var actors = await NodeActorSystem.StartAsync(config, cancellationToken);
        var node = new RelayNode(config, actors, budget, loggerFactory, udpIo, tcpIo);
        try
        {
            foreach (var rule in config.Rules)
            {
                await node.StartRuleAsync(rule, cancellationToken);
            }
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    private async Task StartRuleAsync(RuleConfig config, CancellationToken cancellationToken)
    {
        if (RuleSupport.Unsupported(config) is { Count: > 0 } reasons)
        {
            throw new NotSupportedException($"rule '{config.Name}': {string.Join("; ", reasons)}");
        }

        var listen = ListenEndPoint(config.Listen);
        var upstreams = await ResolveUpstreamsAsync(config, listen, [], cancellationToken);
        var rule = new RelayRule(config, upstreams, Budget, Metrics, _loggerFactory.CreateLogger<RelayRule>()) { Affinity = Affinity, Tls = RuleTls.Create(config, _loggerFactory.CreateLogger<RuleTls>(), TimeProvider.System) };
        IRuleListener listener = config.Protocol == RuleProtocol.Udp
            ? new UdpListener(rule, listen, ReceiveLoops, rule, _loggerFactory.CreateLogger<UdpListener>(), _udpIo)
            : new TcpRelayListener(rule, listen, rule.TcpBuffers, _loggerFactory.CreateLogger<TcpRelayListener>(), _tcpIo);
        var health = SpawnHealth(config, upstreams);
        var routerLogger = _loggerFactory.CreateLogger<RouterActor>();
        IActorRef router;
        try
        {
            router = _actors.System.ActorOf(RouterActor.Props(rule, () => listener, health, routerLogger), ActorName($"rule-{config.Name}"));
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }

        rule.Attach(listener, router, health);
        _rules = [.. _rules, rule];
        listener.Start();
    }

    /// <summary>
    /// The health actor of a rule: a sibling of the router, not its child, so the router can stop failed session actors
    /// while a failed health actor is restarted (Akka's default strategy). Null with <c>check = none</c>.
    /// </summary>
    private IActorRef? SpawnHealth(RuleConfig config, IReadOnlyList<UpstreamState> upstreams)
    {
        if (config.Health.Check == HealthCheckKind.None)
        {
            return null;
        }

        return _actors.System.ActorOf(
            HealthCheckActor.Props(config.Health, config.Name, upstreams, _loggerFactory.CreateLogger<HealthCheckActor>(), metrics: Metrics),
            ActorName($"health-{config.Name}"));
    }

    /// <summary><paramref name="name"/> the first time; then with a number, as an actor replaced under that name may still be stopping.</summary>
    private string ActorName(string name)
    {
        lock (_actorGenerations)
        {
            var generation = _actorGenerations[name] = _actorGenerations.GetValueOrDefault(name) + 1;
            return generation == 1 ? name : $"{name}-{generation}";
        }
    }

    /// <summary>The states of <paramref name="config"/>'s upstreams: the running ones of the same address kept, new ones resolved.</summary>
    private static async Task<IReadOnlyList<UpstreamState>> ResolveUpstreamsAsync(
        RuleConfig config, IPEndPoint listen, IReadOnlyList<UpstreamState> running, CancellationToken cancellationToken)
    {
        var upstreams = new List<UpstreamState>(config.Upstreams.Count);
        foreach (var upstream in config.Upstreams)
        {
            var kept = running.FirstOrDefault(state => string.Equals(state.Address, upstream.Address, StringComparison.OrdinalIgnoreCase));
            if (kept is not null)
            {
                kept.Weight = upstream.Weight;
                upstreams.Add(kept);
                continue;
            }

            var endPoint = await UpstreamResolver.ResolveAsync(upstream, listen, cancellationToken);
            upstreams.Add(new UpstreamState(upstream.Address, endPoint, upstream.Weight));
        }

        return upstreams;
    }

    /// <summary>The number of receive loops per UDP listener: one per core, at most four.</summary>
    private static int ReceiveLoops => Math.Clamp(Environment.ProcessorCount, 1, 4);

    private IPEndPoint ListenEndPoint(IPEndPoint listen) =>
        Config.Node.ListenAddress is { } address && (listen.Address.Equals(IPAddress.Any) || listen.Address.Equals(IPAddress.IPv6Any))
            ? new IPEndPoint(address, listen.Port)
            : listen;
}
