namespace RelayCluster.Core.Configuration;

/// <summary>
/// TLS termination of a tcp rule (<c>relay.rules.&lt;name&gt;.tls</c>): clients speak TLS to the node, which relays the
/// decrypted bytes. The files are read when the rule starts and again when they change.
/// </summary>
public sealed record TlsConfig
{
    /// <summary>The default <see cref="HandshakeTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The full path of the PEM certificate file, the leaf first and then its intermediates (<c>certificate</c>); required.</summary>
    public required string Certificate { get; init; }

    /// <summary>The full path of the unencrypted PEM private key file (<c>key</c>); required.</summary>
    public required string Key { get; init; }

    /// <summary>How long a client may take to complete its TLS handshake (<c>handshake-timeout</c>); default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = DefaultHandshakeTimeout;
}
