using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Tls;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Tls;

/// <summary>
/// The TLS of one tcp rule: the certificate it presents to clients (<c>tls</c>), the settings of its connections to
/// upstreams (<c>upstream-tls</c>), or both. A rule with neither has none, and its sessions take the plain socket pump.
/// </summary>
internal sealed class RuleTls
{
    private readonly UpstreamTlsConfig _upstream;
    private readonly X509Certificate2Collection? _authorities;
    private readonly Dictionary<string, string> _hosts;

    private RuleTls(RuleConfig config, ServerCertificateSource? server, X509Certificate2Collection? authorities)
    {
        Server = server;
        HandshakeTimeout = config.Tls?.HandshakeTimeout ?? TlsConfig.DefaultHandshakeTimeout;
        _upstream = config.UpstreamTls;
        _authorities = authorities;
        _hosts = config.Upstreams.ToDictionary(upstream => upstream.Address, upstream => upstream.Host, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The certificate presented to clients, or null when clients speak plain tcp.</summary>
    public ServerCertificateSource? Server { get; }

    /// <summary>How long a client's handshake may take.</summary>
    public TimeSpan HandshakeTimeout { get; }

    /// <summary>Whether connections to upstreams speak TLS.</summary>
    public bool ToUpstream => _upstream.Enabled;

    /// <summary>The TLS of <paramref name="config"/>, or null when it uses none; throws when a file cannot be used.</summary>
    public static RuleTls? Create(RuleConfig config, ILogger logger, TimeProvider time)
    {
        if (config.Protocol != RuleProtocol.Tcp || (config.Tls is null && !config.UpstreamTls.Enabled))
        {
            return null;
        }

        var server = config.Tls is { } tls ? new ServerCertificateSource(config.Name, tls, logger, time) : null;
        X509Certificate2Collection? authorities = null;
        if (config.UpstreamTls is { Enabled: true, Verify: true, CaCertificates: { } path }
            && !TlsCertificateFiles.TryLoadAll(path, out authorities, out var error))
        {
            throw new InvalidOperationException($"rule '{config.Name}': upstream-tls.ca-certificates: {error}");
        }

        return new RuleTls(config, server, authorities);
    }

    /// <summary>Options for one handshake with <paramref name="upstream"/>.</summary>
    public SslClientAuthenticationOptions UpstreamOptions(UpstreamState upstream)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = _upstream.ServerName ?? _hosts.GetValueOrDefault(upstream.Address, upstream.EndPoint.Address.ToString()),
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (!_upstream.Verify)
        {
            // upstream-tls.verify = false is the operator's explicit choice, for upstreams with self-signed certificates.
#pragma warning disable CA5359
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (_authorities is not null)
        {
            // Only the configured authorities are trusted, and nothing is fetched: the chain must end in one of them.
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
            policy.CustomTrustStore.AddRange(_authorities);
            options.CertificateChainPolicy = policy;
        }

        return options;
    }
}
