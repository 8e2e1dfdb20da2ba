namespace RelayCluster.Core.Tls;

/// <summary>Which of the two files of a certificate a problem is in.</summary>
public enum TlsFile
{
    /// <summary>The PEM file of the certificate (and its chain).</summary>
    Certificate,

    /// <summary>The PEM file of the private key.</summary>
    Key,
}

/// <summary>Why a certificate could not be loaded, and from which file.</summary>
/// <param name="File">The file at fault.</param>
/// <param name="Message">What is wrong, naming the file's full path.</param>
public sealed record TlsFileError(TlsFile File, string Message);
