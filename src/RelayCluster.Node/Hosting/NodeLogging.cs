using RelayCluster.Core.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace RelayCluster.Node.Hosting;

/// <summary>Builds the node's Serilog logger from <c>relay.log</c>.</summary>
internal static class NodeLogging
{
    /// <summary>A console logger at the configured level, as text or one JSON object per line.</summary>
    public static Serilog.Core.Logger Create(LogConfig config, string nodeId)
    {
        var level = config.Level switch
        {
            RelayLogLevel.Verbose => LogEventLevel.Verbose,
            RelayLogLevel.Debug => LogEventLevel.Debug,
            RelayLogLevel.Warning => LogEventLevel.Warning,
            RelayLogLevel.Error => LogEventLevel.Error,
            RelayLogLevel.Fatal => LogEventLevel.Fatal,
            _ => LogEventLevel.Information,
        };

        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("NodeId", nodeId);

        return config.Format == LogFormat.Json
            ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true)).CreateLogger()
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}").CreateLogger();
    }
}
