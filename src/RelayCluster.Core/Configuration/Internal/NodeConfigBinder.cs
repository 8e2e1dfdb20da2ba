using System.Net;

namespace RelayCluster.Core.Configuration;

/// <summary>Binds <c>relay.node</c>.</summary>
internal static class NodeConfigBinder
{
    public static NodeConfig Bind(ConfigSection node)
    {
        var admin = BindAdmin(node.Section("admin"));
        return new NodeConfig
        {
            Id = BindId(node, admin),
            Roles = node.Strings("roles"),
            ListenAddress = BindListenAddress(node),
            Admin = admin,
            ShutdownGrace = node.Duration("shutdown-grace", NodeConfig.DefaultShutdownGrace, allowZero: true),
        };
    }

    private static string BindId(ConfigSection node, AdminConfig admin)
    {
        var id = node.String("id");
        if (id is null)
        {
            return $"{Environment.MachineName}-{admin.Bind.Port}";
        }

        if (!NameSyntax.IsNodeId(id))
        {
            node.Error(node.PositionOf("id"), "id", $"expected 1 to {NameSyntax.MaxNodeIdLength} letters, digits, '.', '-' or '_', got '{id}'");
        }

        return id;
    }

    private static IPAddress? BindListenAddress(ConfigSection node)
    {
        var text = node.String("listen-address");
        if (text is null)
        {
            return null;
        }

        if (AddressSyntax.TryParseAddress(text, out var address))
        {
            return address;
        }

        node.Error(node.PositionOf("listen-address"), "listen-address", $"expected an IP address such as 10.0.0.5 or 2001:db8::5, got '{text}'");
        return null;
    }

    private static AdminConfig BindAdmin(ConfigSection admin)
    {
        var bind = admin.EndPoint("bind") ?? AdminConfig.DefaultBind;
        var token = admin.String("token");
        if (string.IsNullOrEmpty(token))
        {
            token = null;
        }

        if (token is null && !IPAddress.IsLoopback(bind.Address))
        {
            admin.Error(admin.PositionOf("bind"), "bind", $"a non-loopback admin bind ('{bind}') requires relay.node.admin.token");
        }

        return new AdminConfig { Bind = bind, Token = token };
    }
}
