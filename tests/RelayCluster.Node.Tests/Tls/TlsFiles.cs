using RelayCluster.Core.Configuration;
using RelayCluster.Testing.Tls;

namespace RelayCluster.Node.Tests.Tls;

/// <summary>A temporary directory holding a certificate and key as PEM files; deleted with the test.</summary>
internal sealed class TlsFiles : IDisposable
{
    private TlsFiles(TestCertificate certificate)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("relay-tls-").FullName;
        Certificate = certificate;
        certificate.WriteTo(CertificatePath, KeyPath);
    }

    public string Directory { get; }

    public string CertificatePath => Path.Combine(Directory, "cert.pem");

    public string KeyPath => Path.Combine(Directory, "key.pem");

    /// <summary>The certificate the files hold now.</summary>
    public TestCertificate Certificate { get; private set; }

    public TlsConfig Config => new() { Certificate = CertificatePath, Key = KeyPath };

    public static TlsFiles Create() => new(TestCertificate.Create());

    /// <summary>Replaces the files with a new certificate and key.</summary>
    public TestCertificate Replace()
    {
        var next = TestCertificate.Create();
        next.WriteTo(CertificatePath, KeyPath);
        Certificate = next;
        return next;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
