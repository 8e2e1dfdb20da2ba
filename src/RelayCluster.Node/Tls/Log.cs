using Microsoft.Extensions.Logging;

namespace RelayCluster.Node.Tls;

internal static partial class Log
{
    [LoggerMessage(1800, LogLevel.Information, "Rule {Rule}: TLS certificate {Subject} loaded (thumbprint {Thumbprint}, valid until {NotAfter:u})")]
    public static partial void CertificateLoaded(ILogger logger, string rule, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(1801, LogLevel.Warning, "Rule {Rule}: the TLS certificate files changed but cannot be used, so the last good certificate stays in use: {Reason}")]
    public static partial void CertificateReloadFailed(ILogger logger, string rule, string reason);

    [LoggerMessage(1802, LogLevel.Warning, "Rule {Rule}: the TLS certificate {Subject} expired at {NotAfter:u}")]
    public static partial void CertificateExpired(ILogger logger, string rule, string subject, DateTime notAfter);
}
