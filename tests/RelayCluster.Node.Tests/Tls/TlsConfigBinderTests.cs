using RelayCluster.Core.Configuration;
using RelayCluster.Testing.Tls;

namespace RelayCluster.Node.Tests.Tls;

public sealed class TlsConfigBinderTests : IDisposable
{
    private const string Rule = """relay.rules.web { protocol = tcp, listen = "127.0.0.1:8443", upstreams = ["127.0.0.1:8080"]""";
    private readonly TlsFiles _files = TlsFiles.Create();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_TlsWithPathsBesideTheConfig_BindsFullPathsAndDefaults()
    {
        var config = Valid($$"""{{Rule}}, tls { certificate = "cert.pem", key = "key.pem" } }""");

        var rule = Assert.Single(config.Rules);
        Assert.Equal(_files.CertificatePath, rule.Tls!.Certificate);
        Assert.Equal(_files.KeyPath, rule.Tls.Key);
        Assert.Equal(TlsConfig.DefaultHandshakeTimeout, rule.Tls.HandshakeTimeout);
        Assert.False(rule.UpstreamTls.Enabled);
    }

    [Fact]
    public void Load_RelativePathsInAnOverlayElsewhere_TakenFromTheOverlaysDirectory()
    {
        var baseFile = Write(Path.Combine(Directory.CreateTempSubdirectory("relay-base-").FullName, "relay.hocon"), $"{Rule} }}");
        var overlay = Write(Path.Combine(_files.Directory, "tls.hocon"), """relay.rules.web.tls { certificate = "./cert.pem", key = "../""" + Path.GetFileName(_files.Directory) + """/key.pem" }""");

        var result = RelayConfigLoader.Load([baseFile, overlay]);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(_files.CertificatePath, result.Config!.Rules[0].Tls!.Certificate);
        Assert.Equal(_files.KeyPath, result.Config.Rules[0].Tls!.Key);
        Directory.Delete(Path.GetDirectoryName(baseFile)!, recursive: true);
    }

    [Fact]
    public void Load_TlsOnUdpRule_ErrorAtTheTlsKey()
    {
        const string line = """relay.rules.game { protocol = udp, listen = "127.0.0.1:7000", upstreams = ["127.0.0.1:7001"], tls { certificate = "cert.pem", key = "key.pem" } }""";

        var error = SingleError(line);

        Assert.Equal((1, line.IndexOf("tls {", StringComparison.Ordinal) + 1), (error.Position.Line, error.Position.Column));
        Assert.Contains("relay.rules.game.tls", error.Message, StringComparison.Ordinal);
        Assert.Contains("udp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UpstreamTlsOnUdpRule_ErrorAtEnabled()
    {
        const string line = """relay.rules.game { protocol = udp, listen = "127.0.0.1:7000", upstreams = ["127.0.0.1:7001"], upstream-tls.enabled = true }""";

        var error = SingleError(line);

        Assert.Equal(line.IndexOf("true", StringComparison.Ordinal) + 1, error.Position.Column);
        Assert.Contains("relay.rules.game.upstream-tls.enabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CertificateFileMissing_ErrorAtTheCertificateValueNamingTheFullPath()
    {
        var line = $$"""{{Rule}}, tls { certificate = "missing.pem", key = "key.pem" } }""";

        var error = SingleError(line);

        Assert.Equal(line.IndexOf("\"missing.pem\"", StringComparison.Ordinal) + 1, error.Position.Column);
        Assert.Contains("relay.rules.web.tls.certificate", error.Message, StringComparison.Ordinal);
        Assert.Contains($"file not found: '{Path.Combine(_files.Directory, "missing.pem")}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyFileMissing_ErrorAtTheKeyValue()
    {
        var line = $$"""{{Rule}}, tls { certificate = "cert.pem", key = "gone.pem" } }""";

        var error = SingleError(line);

        Assert.Equal(line.IndexOf("\"gone.pem\"", StringComparison.Ordinal) + 1, error.Position.Column);
        Assert.Contains("relay.rules.web.tls.key", error.Message, StringComparison.Ordinal);
        Assert.Contains("file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyMissingFromTls_ErrorSaysWhatToSet()
    {
        var error = SingleError($$"""{{Rule}}, tls { certificate = "cert.pem" } }""");

        Assert.Contains("relay.rules.web.tls.key: missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CertificateFileIsNotPem_ErrorAtTheCertificate()
    {
        Write(Path.Combine(_files.Directory, "notes.txt"), "not a certificate");

        var error = SingleError($$"""{{Rule}}, tls { certificate = "notes.txt", key = "key.pem" } }""");

        Assert.Contains("relay.rules.web.tls.certificate", error.Message, StringComparison.Ordinal);
        Assert.Contains("holds no PEM certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyOfAnotherCertificate_ErrorAtTheKey()
    {
        using var other = TestCertificate.Create();
        Write(Path.Combine(_files.Directory, "other-key.pem"), other.KeyPem);

        var error = SingleError($$"""{{Rule}}, tls { certificate = "cert.pem", key = "other-key.pem" } }""");

        Assert.Contains("relay.rules.web.tls.key", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be used with the certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UpstreamTls_BindsEveryKey()
    {
        var config = Valid($$"""{{Rule}}, upstream-tls { enabled = true, server-name = "game.example.com", verify = yes, ca-certificates = "cert.pem" } }""");

        var upstreamTls = config.Rules[0].UpstreamTls;
        Assert.Equal(new UpstreamTlsConfig { Enabled = true, ServerName = "game.example.com", Verify = true, CaCertificates = _files.CertificatePath }, upstreamTls);
    }

    [Fact]
    public void Load_UpstreamTlsAuthoritiesMissing_ErrorAtCaCertificates()
    {
        var error = SingleError($$"""{{Rule}}, upstream-tls { enabled = true, ca-certificates = "ca.pem" } }""");

        Assert.Contains("relay.rules.web.upstream-tls.ca-certificates", error.Message, StringComparison.Ordinal);
        Assert.Contains("file not found", error.Message, StringComparison.Ordinal);
    }

    private RelayConfig Valid(string text)
    {
        var result = RelayConfigLoader.Load([Write(Path.Combine(_files.Directory, "relay.hocon"), text)]);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Config!;
    }

    private ConfigError SingleError(string text)
    {
        var file = Write(Path.Combine(_files.Directory, "relay.hocon"), text);
        var result = RelayConfigLoader.Load([file]);
        var error = Assert.Single(result.Errors);
        Assert.Equal(file, error.Position.File);
        return error;
    }

    private static string Write(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }
}
