using System.Net.Security;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Tls;

namespace RelayCluster.Node.Tls;

/// <summary>
/// The certificate a TLS rule presents to its clients. New connections ask for it; at most once a second such a request
/// also looks at the files' modification times and sizes, and reloads them when they changed. Connections already open
/// keep the certificate they started with. Files that cannot be used keep the last good certificate, logged once per change.
/// </summary>
internal sealed class ServerCertificateSource
{
    private static readonly TimeSpan s_checkInterval = TimeSpan.FromSeconds(1);
    private readonly string _rule;
    private readonly TlsConfig _config;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _checking = new();
    private volatile Loaded _current;
    private long _nextCheck;
    private FileStamp _failed;

    /// <summary>Loads the certificate of <paramref name="config"/>; throws when it cannot be used, since the rule must not start without it.</summary>
    public ServerCertificateSource(string rule, TlsConfig config, ILogger logger, TimeProvider time)
    {
        _rule = rule;
        _config = config;
        _logger = logger;
        _time = time;
        var stamp = FileStamp.Of(config);
        if (!TlsCertificateFiles.TryLoad(config.Certificate, config.Key, out var certificate, out var error))
        {
            throw new InvalidOperationException($"rule '{rule}': tls.{(error.File == TlsFile.Certificate ? "certificate" : "key")}: {error.Message}");
        }

        _current = Use(certificate, stamp);
        _nextCheck = time.GetTimestamp() + CheckIntervalTicks;
    }

    /// <summary>The certificate in use now, without checking the files.</summary>
    public TlsCertificate Current => _current.Certificate;

    /// <summary>Options for one new client handshake, with the certificate reloaded first when its files changed.</summary>
    public SslServerAuthenticationOptions ServerOptions()
    {
        CheckFiles();
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _current.Context,
            ClientCertificateRequired = false,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        };
    }

    private long CheckIntervalTicks => (long)(s_checkInterval.TotalSeconds * _time.TimestampFrequency);

    private void CheckFiles()
    {
        var now = _time.GetTimestamp();
        if (now < Volatile.Read(ref _nextCheck) || !_checking.TryEnter())
        {
            // Checked within the last second, or another connection is checking right now.
            return;
        }

        try
        {
            if (now < _nextCheck)
            {
                return;
            }

            Volatile.Write(ref _nextCheck, now + CheckIntervalTicks);
            var stamp = FileStamp.Of(_config);
            if (stamp == _current.Stamp || stamp == _failed)
            {
                return;
            }

            if (TlsCertificateFiles.TryLoad(_config.Certificate, _config.Key, out var certificate, out var error))
            {
                _current = Use(certificate, stamp);
                _failed = default;
            }
            else
            {
                _failed = stamp;
                Log.CertificateReloadFailed(_logger, _rule, error.Message);
            }
        }
        finally
        {
            _checking.Exit();
        }
    }

    private Loaded Use(TlsCertificate certificate, FileStamp stamp)
    {
        var leaf = certificate.Certificate;
        Log.CertificateLoaded(_logger, _rule, leaf.Subject, leaf.Thumbprint, leaf.NotAfter.ToUniversalTime());
        if (leaf.NotAfter.ToUniversalTime() < _time.GetUtcNow().UtcDateTime)
        {
            Log.CertificateExpired(_logger, _rule, leaf.Subject, leaf.NotAfter.ToUniversalTime());
        }

        // Built once per certificate, not per connection: the context holds the chain sent to every client. Offline,
        // since a relay must not fetch missing intermediates from the network while it starts.
        var context = SslStreamCertificateContext.Create(leaf, certificate.Intermediates, offline: true);
        return new Loaded(certificate, context, stamp);
    }

    private sealed record Loaded(TlsCertificate Certificate, SslStreamCertificateContext Context, FileStamp Stamp);

    /// <summary>What is looked at to tell that the files changed: both files' modification times and sizes.</summary>
    private readonly record struct FileStamp(DateTime CertificateWritten, long CertificateLength, DateTime KeyWritten, long KeyLength)
    {
        public static FileStamp Of(TlsConfig config)
        {
            var certificate = new FileInfo(config.Certificate);
            var key = new FileInfo(config.Key);
            return new FileStamp(
                certificate.Exists ? certificate.LastWriteTimeUtc : DateTime.MinValue,
                certificate.Exists ? certificate.Length : -1,
                key.Exists ? key.LastWriteTimeUtc : DateTime.MinValue,
                key.Exists ? key.Length : -1);
        }
    }
}
