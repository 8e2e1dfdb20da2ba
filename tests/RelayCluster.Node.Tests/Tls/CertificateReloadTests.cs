using RelayCluster.Node.Tests.Health;
using RelayCluster.Node.Tls;
using RelayCluster.Testing.Time;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Tls;

public class CertificateReloadTests
{
    private const int ReloadFailedEvent = 1801;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reload_FilesReplaced_NewConnectionSeesNewCertificateAndExistingOneKeepsWorking()
    {
        using var files = TlsFiles.Create();
        var first = files.Certificate.Thumbprint;
        await using var echo = TcpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]) with { Tls = files.Config });
        await using var existing = await TlsClientPeer.ConnectAsync(relay.Listen, first);
        await existing.Stream.WriteAsync(new byte[] { 1 });
        Assert.Equal([1], await existing.ReadExactlyAsync(1, s_timeout));

        using var replaced = files.Replace();

        // The files are looked at at most once a second, so a few connections may still get the first certificate.
        string? seen = null;
        await Eventually.TrueAsync(() =>
        {
            var peer = TlsClientPeer.ConnectAsync(relay.Listen, first, replaced.Thumbprint).GetAwaiter().GetResult();
            seen = peer.ServerThumbprint;
            peer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return seen == replaced.Thumbprint;
        }, "a new connection to be offered the new certificate");

        Assert.Equal(first, existing.ServerThumbprint);
        await existing.Stream.WriteAsync(new byte[] { 2 });
        Assert.Equal([2], await existing.ReadExactlyAsync(1, s_timeout));
    }

    [Fact]
    public void ServerOptions_FilesReplacedWithinOneSecond_NotLookedAtUntilTheSecondPassed()
    {
        using var files = TlsFiles.Create();
        var time = new ManualTimeProvider();
        var source = new ServerCertificateSource("web", files.Config, new ListLogger(), time);
        var first = files.Certificate.Thumbprint;

        using var replaced = files.Replace();
        time.Advance(TimeSpan.FromMilliseconds(900));
        source.ServerOptions();
        Assert.Equal(first, source.Current.Certificate.Thumbprint);

        time.Advance(TimeSpan.FromMilliseconds(100));
        source.ServerOptions();
        Assert.Equal(replaced.Thumbprint, source.Current.Certificate.Thumbprint);
    }

    [Fact]
    public void ServerOptions_BadFilesWritten_KeepsLastGoodCertificateAndWarnsOnce()
    {
        using var files = TlsFiles.Create();
        var time = new ManualTimeProvider();
        var logger = new ListLogger();
        var source = new ServerCertificateSource("web", files.Config, logger, time);
        var first = files.Certificate.Thumbprint;

        File.WriteAllText(files.CertificatePath, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            var options = source.ServerOptions();
            Assert.Equal(first, options.ServerCertificateContext!.TargetCertificate.Thumbprint);
        }

        var warning = Assert.Single(logger.Entries, entry => entry.Id.Id == ReloadFailedEvent);
        Assert.Contains(files.CertificatePath, warning.Message, StringComparison.Ordinal);
        Assert.Contains("web", warning.Message, StringComparison.Ordinal);

        using var fixedUp = files.Replace();
        time.Advance(TimeSpan.FromSeconds(1));
        source.ServerOptions();
        Assert.Equal(fixedUp.Thumbprint, source.Current.Certificate.Thumbprint);
        Assert.Single(logger.Entries, entry => entry.Id.Id == ReloadFailedEvent);
    }

    [Fact]
    public void Create_CertificateFileGone_ThrowsNamingTheRuleAndFile()
    {
        using var files = TlsFiles.Create();
        File.Delete(files.CertificatePath);

        var error = Assert.Throws<InvalidOperationException>(() => new ServerCertificateSource("web", files.Config, new ListLogger(), TimeProvider.System));

        Assert.Contains("rule 'web'", error.Message, StringComparison.Ordinal);
        Assert.Contains(files.CertificatePath, error.Message, StringComparison.Ordinal);
    }
}
