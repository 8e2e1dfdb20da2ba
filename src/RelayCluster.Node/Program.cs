using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Sessions;
using Serilog;
using Serilog.Extensions.Logging;

SocketEngineSettings.Apply();
var (arguments, argumentError) = NodeArguments.Parse(args);
if (arguments is null)
{
    await Console.Error.WriteLineAsync($"relay-node: {argumentError}\n\n{NodeArguments.Usage}");
    return 2;
}

if (arguments.ShowHelp)
{
    Console.WriteLine(NodeArguments.Usage);
    return 0;
}

if (arguments.ShowVersion)
{
    Console.WriteLine($"relay-node {NodeVersion.Current}");
    return 0;
}

var loaded = RelayConfigLoader.Load(arguments.ConfigFiles);
if (!loaded.IsValid || loaded.Config is null)
{
    foreach (var error in loaded.Errors)
    {
        await Console.Error.WriteLineAsync(error.ToString());
    }

    await Console.Error.WriteLineAsync($"relay-node: {loaded.Errors.Count} configuration error(s); not starting");
    return 1;
}

var config = loaded.Config;
using var serilog = NodeLogging.Create(config.Log, config.Node.Id);
// Akka's logger (Akka.Logger.Serilog) writes to Serilog's global logger: the node's, so every line shares one sink.
Serilog.Log.Logger = serilog;
using var loggerFactory = new SerilogLoggerFactory(serilog);
var logger = loggerFactory.CreateLogger("RelayCluster.Node");
var budget = SessionBudgets.Create(config, logger);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = [] });
builder.Services.AddSerilog(serilog);
builder.Services.AddSingleton(config);
builder.Services.AddSingleton(budget);
var startup = new NodeStartup(RuleDocuments.FromConfigFiles(arguments.ConfigFiles), NodeStartupFiles.StateFileFor(arguments.ConfigFiles[0]));
builder.Services.AddSingleton(startup);
builder.Services.AddHostedService<RelayNodeService>();
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = config.Node.ShutdownGrace + TimeSpan.FromSeconds(15));

try
{
    using var host = builder.Build();
    NodeLog.Starting(logger, config.Node.Id, NodeVersion.Current, string.Join(", ", arguments.ConfigFiles));
    await host.RunAsync();
    NodeLog.Stopped(logger, config.Node.Id);
    return startup.ExitCode;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    NodeLog.Failed(logger, e.Message, e);
    return 1;
}

/// <summary>The node's version, from its assembly.</summary>
internal static class NodeVersion
{
    /// <summary>The informational version without build metadata.</summary>
    public static string Current { get; } =
        (typeof(NodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
