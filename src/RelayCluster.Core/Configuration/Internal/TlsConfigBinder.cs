using RelayCluster.Core.Tls;

namespace RelayCluster.Core.Configuration;

/// <summary>
/// Binds a rule's <c>tls</c> and <c>upstream-tls</c>. The certificate, key and authority files are read here, so a
/// missing or unusable file is an error at load with the position of the key that names it.
/// </summary>
internal static class TlsConfigBinder
{
    /// <summary>The rule's TLS termination, or null when <c>tls</c> is not written (or is wrong, which is reported); a null <paramref name="protocol"/> is one not known yet.</summary>
    public static TlsConfig? BindTls(ConfigSection rule, RuleProtocol? protocol)
    {
        var written = rule.Field("tls") is not null;
        var tls = rule.Section("tls");
        var certificate = tls.FilePath("certificate");
        var key = tls.FilePath("key");
        var handshakeTimeout = tls.Duration("handshake-timeout", TlsConfig.DefaultHandshakeTimeout);
        if (!written)
        {
            return null;
        }

        if (protocol == RuleProtocol.Udp)
        {
            rule.Error(tls.Position, "tls", "terminates TLS on tcp connections; a udp rule cannot use it");
            return null;
        }

        if (tls.Field("certificate") is null)
        {
            tls.Error(tls.Position, "certificate", "missing; set certificate = \"cert.pem\", a PEM file relative to this config file");
        }

        if (tls.Field("key") is null)
        {
            tls.Error(tls.Position, "key", "missing; set key = \"key.pem\", the certificate's PEM private key, relative to this config file");
        }

        if (certificate is null || key is null)
        {
            return null;
        }

        if (!TlsCertificateFiles.TryLoad(certificate, key, out var loaded, out var error))
        {
            var at = error.File == TlsFile.Certificate ? "certificate" : "key";
            tls.Error(tls.PositionOf(at), at, error.Message);
            return null;
        }

        loaded.Certificate.Dispose();
        foreach (var intermediate in loaded.Intermediates)
        {
            intermediate.Dispose();
        }

        return new TlsConfig { Certificate = certificate, Key = key, HandshakeTimeout = handshakeTimeout };
    }

    /// <summary>The rule's TLS to its upstreams; off when <c>upstream-tls</c> is not written.</summary>
    public static UpstreamTlsConfig BindUpstreamTls(ConfigSection rule, RuleProtocol? protocol)
    {
        var upstreamTls = rule.Section("upstream-tls");
        var enabled = upstreamTls.Bool("enabled", false);
        var serverName = upstreamTls.String("server-name");
        var verify = upstreamTls.Bool("verify", true);
        var authorities = upstreamTls.FilePath("ca-certificates");
        if (!enabled)
        {
            return new UpstreamTlsConfig();
        }

        if (protocol == RuleProtocol.Udp)
        {
            upstreamTls.Error(upstreamTls.PositionOf("enabled"), "enabled", "TLS to upstreams is for tcp rules; a udp rule cannot use it");
            return new UpstreamTlsConfig();
        }

        if (serverName is { Length: > 0 } && Uri.CheckHostName(serverName) is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            upstreamTls.Error(upstreamTls.PositionOf("server-name"), "server-name", $"expected a DNS name such as game.example.com, got '{serverName}'");
        }

        if (authorities is not null && verify && !TlsCertificateFiles.TryLoadAll(authorities, out _, out var error))
        {
            upstreamTls.Error(upstreamTls.PositionOf("ca-certificates"), "ca-certificates", error);
        }

        return new UpstreamTlsConfig
        {
            Enabled = true,
            ServerName = string.IsNullOrEmpty(serverName) ? null : serverName,
            Verify = verify,
            CaCertificates = authorities,
        };
    }
}
