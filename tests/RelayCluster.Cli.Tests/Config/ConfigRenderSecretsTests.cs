using System.Text.Json;
using RelayCluster.Cli.Config;

namespace RelayCluster.Cli.Tests.Config;

public sealed class ConfigRenderSecretsTests : IDisposable
{
    private const string Config = """
        relay {
          node.admin { bind = "0.0.0.0:9110", token = "tok-7d1f0c" }
          rules.web {
            protocol = tcp, listen = "0.0.0.0:443", upstreams = ["10.0.0.11:80"]
            tls { certificate = "cert.pem", key = "key.pem" }
          }
        }
        backups { db-password = "hunter2", client_secret = 42, api-tokens = ["a1", "b2"], passphrase = { text = "p" } }
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Render_Secrets_RedactedAndEverythingElseKept()
    {
        var file = _files.Write("relay.hocon", Config);

        var (exitCode, output, _) = await CliRun.RunAsync(["config", "render", file]);

        Assert.Equal(0, exitCode);
        foreach (var secret in new[] { "tok-7d1f0c", "hunter2", "42", "a1", "b2", "\"p\"" })
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        var admin = root.GetProperty("relay").GetProperty("node").GetProperty("admin");
        Assert.Equal("<redacted>", admin.GetProperty("token").GetString());
        Assert.Equal("0.0.0.0:9110", admin.GetProperty("bind").GetString());
        var tls = root.GetProperty("relay").GetProperty("rules").GetProperty("web").GetProperty("tls");
        Assert.Equal(("cert.pem", "key.pem"), (tls.GetProperty("certificate").GetString(), tls.GetProperty("key").GetString()));
        var backups = root.GetProperty("backups");
        Assert.All(["db-password", "client_secret", "api-tokens", "passphrase"], key => Assert.Equal("<redacted>", backups.GetProperty(key).GetString()));
    }

    [Fact]
    public async Task Render_ShowSecrets_PrintsThemAsWritten()
    {
        var file = _files.Write("relay.hocon", Config);

        var (exitCode, output, _) = await CliRun.RunAsync(["config", "render", file, "--show-secrets"]);

        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(output);
        Assert.Equal("tok-7d1f0c", document.RootElement.GetProperty("relay").GetProperty("node").GetProperty("admin").GetProperty("token").GetString());
        Assert.Equal(42, document.RootElement.GetProperty("backups").GetProperty("client_secret").GetInt32());
        Assert.DoesNotContain("<redacted>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SecretInAnOverlay_Redacted()
    {
        var file = _files.Write("relay.hocon", "relay.node.admin.bind = \"127.0.0.1:9110\"");
        var overlay = _files.Write("secrets.hocon", "relay.node.admin.token = tok-overlay");

        var (_, output, _) = await CliRun.RunAsync(["config", "render", file, "--config", overlay]);

        Assert.DoesNotContain("tok-overlay", output, StringComparison.Ordinal);
        Assert.Contains("<redacted>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_EmptyOrNullToken_LeftAsIsSoTheOutputShowsNoneIsSet()
    {
        var file = _files.Write("relay.hocon", "relay.node.admin { token = \"\" }, other { password = null }");

        var (_, output, _) = await CliRun.RunAsync(["config", "render", file]);

        using var document = JsonDocument.Parse(output);
        Assert.Equal("", document.RootElement.GetProperty("relay").GetProperty("node").GetProperty("admin").GetProperty("token").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("other").GetProperty("password").ValueKind);
    }

    [Theory]
    [InlineData("token", true)]
    [InlineData("admin-token", true)]
    [InlineData("apiTokens", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("passphrase", true)]
    [InlineData("client-secret", true)]
    [InlineData("secrets", true)]
    [InlineData("key", false)]
    [InlineData("certificate", false)]
    [InlineData("ca-certificates", false)]
    [InlineData("address", false)]
    [InlineData("pass", false)]
    public void IsSecretKey_KeyNames_MatchTheSecretWords(string key, bool secret) =>
        Assert.Equal(secret, SecretRedaction.IsSecretKey(key));
}
