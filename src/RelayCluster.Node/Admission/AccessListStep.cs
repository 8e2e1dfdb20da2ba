using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Admission;

/// <summary>Step 2 of admission: the rule's <c>access</c> allow and deny lists, checked on the client's native address without allocating.</summary>
internal sealed class AccessListStep(AccessConfig access)
{
    private volatile AccessConfig _access = access;

    /// <summary>Takes the lists of a rule changed in place.</summary>
    public void Update(AccessConfig access) => _access = access;

    /// <summary>Refuses with <see cref="DropReason.AccessDenied"/> a client the lists keep out.</summary>
    public DropReason? Check(SocketAddress client) => _access.IsAllowed(client) ? null : DropReason.AccessDenied;
}
