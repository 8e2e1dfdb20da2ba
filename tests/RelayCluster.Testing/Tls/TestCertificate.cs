using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RelayCluster.Testing.Tls;

/// <summary>
/// A self-signed certificate for localhost and 127.0.0.1, made in the test and written as PEM files (certificate and
/// unencrypted PKCS#8 key), as an operator would give them to a rule.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private TestCertificate(X509Certificate2 certificate, string certificatePem, string keyPem)
    {
        Certificate = certificate;
        CertificatePem = certificatePem;
        KeyPem = keyPem;
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate's SHA-1 thumbprint, as hex.</summary>
    public string Thumbprint => Certificate.Thumbprint;

    /// <summary>The certificate as PEM.</summary>
    public string CertificatePem { get; }

    /// <summary>The private key as unencrypted PKCS#8 PEM.</summary>
    public string KeyPem { get; }

    /// <summary>Makes a new certificate (a new P-256 key) named <paramref name="commonName"/>, valid from an hour ago for a day.</summary>
    public static TestCertificate Create(string commonName = "localhost")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));
        return new TestCertificate(certificate, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Writes the certificate and key to <paramref name="certificatePath"/> and <paramref name="keyPath"/>, each replaced at once (written aside, then renamed).</summary>
    public void WriteTo(string certificatePath, string keyPath)
    {
        Replace(certificatePath, CertificatePem);
        Replace(keyPath, KeyPem);
    }

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();

    private static void Replace(string path, string text)
    {
        var aside = path + ".new";
        File.WriteAllText(aside, text);
        File.Move(aside, path, overwrite: true);
    }
}
