using System.Security.Cryptography.X509Certificates;

namespace RelayCluster.Core.Tls;

/// <summary>A certificate with its private key, and the intermediate certificates that follow it in its PEM file.</summary>
/// <param name="Certificate">The leaf certificate, the first in the file, with the key from the key file.</param>
/// <param name="Intermediates">The other certificates of the file, in order; sent with the leaf so clients can build the chain.</param>
public sealed record TlsCertificate(X509Certificate2 Certificate, X509Certificate2Collection Intermediates);
