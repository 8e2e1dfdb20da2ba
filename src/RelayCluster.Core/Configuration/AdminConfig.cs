using System.Net;
using System.Text;

namespace RelayCluster.Core.Configuration;

/// <summary>The node's admin HTTP API, which <c>relayctl</c> talks to (<c>relay.node.admin</c>).</summary>
public sealed record AdminConfig
{
    /// <summary>The default admin port, as pbm's: 9110.</summary>
    public const int DefaultPort = 9110;

    /// <summary>The default <see cref="Bind"/>: 127.0.0.1:9110.</summary>
    public static readonly IPEndPoint DefaultBind = new(IPAddress.Loopback, DefaultPort);

    /// <summary>Where the admin API listens (<c>bind</c>); default 127.0.0.1:9110, port 0 takes any free port.</summary>
    public IPEndPoint Bind { get; init; } = DefaultBind;

    /// <summary>
    /// The bearer token that mutations must present (<c>token</c>); default null (no token). A bind
    /// address other than loopback requires one.
    /// </summary>
    public string? Token { get; init; }

    // The generated ToString would print the token; a config that ends up in a log or an exception message must not.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Bind = ").Append(Bind).Append(", Token = ").Append(Token is null ? "null" : "<redacted>");
        return true;
    }
}
