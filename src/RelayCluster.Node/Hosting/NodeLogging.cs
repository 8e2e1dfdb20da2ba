using RelayCluster.Core.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace RelayCluster.Node.Hosting;

/// <summary>Builds the node's Serilog logger from <c>relay.log</c>; Akka's own log lines reach it too.</summary>
internal static class NodeLogging
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:l}{NewLine}{Exception}";

    /// <summary>A console logger (and a file one with <c>file</c>) at the configured level, as text or one compact JSON object per line.</summary>
    public static Serilog.Core.Logger Create(LogConfig config, string nodeId)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(LevelOf(config.Level))
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("NodeId", nodeId)
            .WriteTo.Console(Formatter(config.Format));

        return config.File is { } file
            ? logger.WriteTo.File(Formatter(config.Format), file).CreateLogger()
            : logger.CreateLogger();
    }

    /// <summary>Serilog's level for <c>relay.log.level</c>.</summary>
    public static LogEventLevel LevelOf(RelayLogLevel level) => level switch
    {
        RelayLogLevel.Verbose => LogEventLevel.Verbose,
        RelayLogLevel.Debug => LogEventLevel.Debug,
        RelayLogLevel.Warning => LogEventLevel.Warning,
        RelayLogLevel.Error => LogEventLevel.Error,
        RelayLogLevel.Fatal => LogEventLevel.Fatal,
        _ => LogEventLevel.Information,
    };

    private static ITextFormatter Formatter(LogFormat format) => format == LogFormat.Json
        ? new RenderedCompactJsonFormatter()
        : new MessageTemplateTextFormatter(TextTemplate, null);
}
