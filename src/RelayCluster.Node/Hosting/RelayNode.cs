using System.Net;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Actors;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Health;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tls;

namespace RelayCluster.Node.Hosting;

/// <summary>
/// One relay node: an actor system with a router per rule and a listener per rule, started from a validated config.
/// Usable in process (tests) and from the hosted service of <c>relay-node</c>.
/// </summary>
public sealed partial class RelayNode : IAsyncDisposable
{
    private static readonly TimeSpan s_askTimeout = TimeSpan.FromSeconds(10);
    private readonly ActorSystem _actors;
    private readonly ILogger _logger;
    private readonly List<RelayRule> _rules = [];

    private readonly UdpIo _udpIo;

    private RelayNode(RelayConfig config, ActorSystem actors, SessionBudget budget, ILogger logger, UdpIo udpIo)
    {
        _udpIo = udpIo;
        Config = config;
        _actors = actors;
        Budget = budget;
        _logger = logger;
    }

    /// <summary>The config the node runs.</summary>
    public RelayConfig Config { get; }

    /// <summary>The node's actors.</summary>
    public ActorSystem Actors => _actors;

    /// <summary>The file descriptors sessions may hold on this node.</summary>
    public SessionBudget Budget { get; }

    /// <summary>The running rules.</summary>
    public IReadOnlyList<RelayRule> Rules => _rules;

    /// <summary>The running rule named <paramref name="name"/>.</summary>
    public RelayRule Rule(string name) => _rules.Single(rule => rule.Runtime.Name == name);

    /// <summary>Starts every rule of <paramref name="config"/>; throws when a rule cannot start (the node must not run half its rules).</summary>
    public static async Task<RelayNode> StartAsync(
        RelayConfig config, ILoggerFactory loggerFactory, SessionBudget budget, UdpIo udpIo = UdpIo.Default, CancellationToken cancellationToken = default)
    {
        var logger = loggerFactory.CreateLogger<RelayNode>();
        var actors = new ActorSystem(config.Node.Id, new ActorSystemOptions { EventSink = ActorEventLog.Sink(loggerFactory.CreateLogger<ActorSystem>()) });
        var node = new RelayNode(config, actors, budget, logger, udpIo);
        try
        {
            foreach (var rule in config.Rules)
            {
                await node.StartRuleAsync(rule, loggerFactory, cancellationToken);
            }
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    private async Task StartRuleAsync(RuleConfig config, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (RuleSupport.Unsupported(config) is { Count: > 0 } reasons)
        {
            throw new NotSupportedException($"rule '{config.Name}': {string.Join("; ", reasons)}");
        }

        var upstreams = new List<UpstreamState>(config.Upstreams.Count);
        foreach (var upstream in config.Upstreams)
        {
            var endPoint = await UpstreamResolver.ResolveAsync(upstream, cancellationToken);
            upstreams.Add(new UpstreamState(upstream.Address, endPoint, upstream.Weight));
        }

        var runtime = new RuleRuntime(config, upstreams, Budget) { Tls = RuleTls.Create(config, loggerFactory.CreateLogger<RuleTls>(), TimeProvider.System) };
        var rule = new RelayRule(runtime);
        var listen = ListenEndPoint(config.Listen);
        IRuleListener listener = config.Protocol == RuleProtocol.Udp
            ? new UdpListener(runtime, listen, ReceiveLoops, rule, loggerFactory.CreateLogger<UdpListener>(), _udpIo)
            : new TcpRelayListener(rule, listen, runtime.TcpBuffers, loggerFactory.CreateLogger<TcpRelayListener>());
        // The health actor is a sibling of the router, not its child: the router stops failed session actors, while a
        // failed health actor is restarted (the kernel's default strategy).
        var health = config.Health.Check == HealthCheckKind.None
            ? null
            : _actors.Spawn(() => new HealthCheckActor(config.Health, config.Name, upstreams, loggerFactory.CreateLogger<HealthCheckActor>()), $"health-{config.Name}");
        var routerLogger = loggerFactory.CreateLogger<RouterActor>();
        var router = _actors.Spawn(Props.Create(() => new RouterActor(runtime, () => listener, health, routerLogger)).WithMailboxCapacity(65_536), $"rule-{config.Name}");
        rule.Attach(listener, router);
        _rules.Add(rule);
        listener.Start();
    }

    /// <summary>The number of receive loops per UDP listener: one per core, at most four.</summary>
    private static int ReceiveLoops => Math.Clamp(Environment.ProcessorCount, 1, 4);

    private IPEndPoint ListenEndPoint(IPEndPoint listen) =>
        Config.Node.ListenAddress is { } address && (listen.Address.Equals(IPAddress.Any) || listen.Address.Equals(IPAddress.IPv6Any))
            ? new IPEndPoint(address, listen.Port)
            : listen;
}
