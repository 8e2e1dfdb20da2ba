using Akka.Event;
using AkkaLogLevel = Akka.Event.LogLevel;
using Serilog.Events;

namespace RelayCluster.Node.Hosting;

/// <summary>
/// Akka's logger for the moments its real loggers are not running (start and shutdown of the actor system): it writes to
/// Serilog's global logger too, so even those lines reach the node's sink in the node's format, never raw to stdout.
/// </summary>
public sealed class AkkaStdoutLogger : MinimalLogger
{
    /// <inheritdoc />
    protected override void Log(object message)
    {
        if (message is Akka.Event.LogEvent logEvent)
        {
            Serilog.Log.Logger
                .ForContext(Serilog.Core.Constants.SourceContextPropertyName, logEvent.LogSource)
                .Write(LevelOf(logEvent.LogLevel()), logEvent.Cause, "{Message:l}", logEvent.Message);
        }
    }

    private static LogEventLevel LevelOf(AkkaLogLevel level) => level switch
    {
        AkkaLogLevel.DebugLevel => LogEventLevel.Debug,
        AkkaLogLevel.WarningLevel => LogEventLevel.Warning,
        AkkaLogLevel.ErrorLevel => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };
}
