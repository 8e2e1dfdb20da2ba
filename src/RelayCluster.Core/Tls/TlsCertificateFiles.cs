using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RelayCluster.Core.Tls;

/// <summary>
/// Reads certificates from PEM files: a certificate file (the leaf first, then any intermediates) and an unencrypted
/// private key file. The config binder uses it to reject bad files at load; the node uses it to load and reload them.
/// </summary>
public static class TlsCertificateFiles
{
    // Far larger than any certificate chain or key, small enough that a wrong path (a log, a disk image) is not read whole.
    private const long MaxFileLength = 1024 * 1024;

    /// <summary>Loads the certificate at <paramref name="certificatePath"/> with the key at <paramref name="keyPath"/>; false with the reason when either is unusable.</summary>
    public static bool TryLoad(
        string certificatePath, string keyPath, [NotNullWhen(true)] out TlsCertificate? certificate, [NotNullWhen(false)] out TlsFileError? error)
    {
        ArgumentNullException.ThrowIfNull(certificatePath);
        ArgumentNullException.ThrowIfNull(keyPath);
        certificate = null;
        if (!TryReadPem(certificatePath, out var certificateText, out var reason))
        {
            error = new TlsFileError(TlsFile.Certificate, reason);
            return false;
        }

        if (!TryReadCertificates(certificatePath, certificateText, out var all, out reason))
        {
            error = new TlsFileError(TlsFile.Certificate, reason);
            return false;
        }

        if (!TryReadPem(keyPath, out var keyText, out reason) || !HasPrivateKey(keyPath, keyText, out reason))
        {
            error = new TlsFileError(TlsFile.Key, reason);
            return false;
        }

        X509Certificate2 leaf;
        try
        {
            leaf = X509Certificate2.CreateFromPem(certificateText, keyText);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            error = new TlsFileError(TlsFile.Key, $"the key in '{keyPath}' cannot be used with the certificate in '{certificatePath}' (they do not match, or the key is malformed): {e.Message}");
            return false;
        }

        // The first certificate of the file is the leaf, loaded again above together with its key.
        all[0].Dispose();
        var intermediates = new X509Certificate2Collection();
        for (var i = 1; i < all.Count; i++)
        {
            intermediates.Add(all[i]);
        }

        certificate = new TlsCertificate(leaf, intermediates);
        error = null;
        return true;
    }

    /// <summary>Loads every certificate of the PEM file at <paramref name="path"/> (trusted authorities); false with the reason when there is none.</summary>
    public static bool TryLoadAll(string path, [NotNullWhen(true)] out X509Certificate2Collection? certificates, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        certificates = null;
        if (!TryReadPem(path, out var text, out error))
        {
            return false;
        }

        return TryReadCertificates(path, text, out certificates, out error);
    }

    private static bool TryReadPem(string path, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? error)
    {
        text = null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = $"file not found: '{path}'";
                return false;
            }

            if (info.Length > MaxFileLength)
            {
                error = $"'{path}' is {info.Length} bytes, too large for a PEM file (at most {MaxFileLength})";
                return false;
            }

            text = File.ReadAllText(path);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read '{path}': {e.Message}";
            return false;
        }
    }

    private static bool TryReadCertificates(
        string path, string text, [NotNullWhen(true)] out X509Certificate2Collection? certificates, [NotNullWhen(false)] out string? error)
    {
        certificates = null;
        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPem(text);
        }
        catch (CryptographicException e)
        {
            error = $"'{path}' holds a malformed PEM certificate: {e.Message}";
            return false;
        }

        if (all.Count == 0)
        {
            error = $"'{path}' holds no PEM certificate (a block starting with -----BEGIN CERTIFICATE-----)";
            return false;
        }

        certificates = all;
        error = null;
        return true;
    }

    private static bool HasPrivateKey(string path, string text, [NotNullWhen(false)] out string? error)
    {
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            if (label.SequenceEqual("ENCRYPTED PRIVATE KEY"))
            {
                error = $"the key in '{path}' is encrypted; give an unencrypted PEM key (openssl pkey -in key.pem -out plain.pem) and protect it with file permissions";
                return false;
            }

            if (label.EndsWith("PRIVATE KEY", StringComparison.Ordinal))
            {
                error = null;
                return true;
            }

            rest = rest[fields.Location.End..];
        }

        error = $"'{path}' holds no PEM private key (a block starting with -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)";
        return false;
    }
}
