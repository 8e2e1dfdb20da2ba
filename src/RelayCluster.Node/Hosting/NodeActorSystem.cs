using Akka.Actor;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RelayCluster.Core.Configuration;
using AkkaLogLevel = Akka.Event.LogLevel;

namespace RelayCluster.Node.Hosting;

/// <summary>
/// The node's Akka.NET actor system, built by Akka.Hosting on a generic host of its own: each node in a process (the
/// tests run several) has its own system, named after <c>relay.cluster.name</c>, logging through Serilog.
/// </summary>
internal sealed class NodeActorSystem : IAsyncDisposable
{
    private readonly IHost _host;

    private NodeActorSystem(IHost host)
    {
        _host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
    }

    /// <summary>The running actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>Starts the actor system of <paramref name="config"/>.</summary>
    public static async Task<NodeActorSystem> StartAsync(RelayConfig config, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // The node handles SIGTERM (drain first); this host only carries the actor system and must not react to signals.
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        builder.Services.AddAkka(ActorSystemNames.From(config.Cluster.Name), akka => akka
            .AddHocon(NodeAkkaSettings.Hocon, HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = LogLevelOf(config.Log.Level);
                loggers.LogConfigOnStart = false;
                loggers.ClearLoggers();
                loggers.AddSerilogLogging();
            }));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new NodeActorSystem(host);
    }

    /// <summary>Akka's level for the node's <c>relay.log.level</c>: Akka has no verbose or fatal.</summary>
    public static AkkaLogLevel LogLevelOf(RelayLogLevel level) => level switch
    {
        RelayLogLevel.Verbose or RelayLogLevel.Debug => AkkaLogLevel.DebugLevel,
        RelayLogLevel.Warning => AkkaLogLevel.WarningLevel,
        RelayLogLevel.Error or RelayLogLevel.Fatal => AkkaLogLevel.ErrorLevel,
        _ => AkkaLogLevel.InfoLevel,
    };

    /// <summary>Stops every actor (Akka's coordinated shutdown) and the host.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private sealed class NoSignalLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
