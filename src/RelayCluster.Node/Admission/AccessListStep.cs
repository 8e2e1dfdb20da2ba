using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Admission;

/// <summary>
/// Step 2 of admission: the rule's <c>access</c> allow and deny lists, checked on the client's native address without
/// allocating. Only a rule with at least one list has this step.
/// </summary>
internal sealed class AccessListStep
{
    /// <summary>The step's name in <see cref="AdmissionChain.StepNames"/>.</summary>
    public const string Name = "access-list";

    private readonly AccessConfig _access;

    private AccessListStep(AccessConfig access) => _access = access;

    /// <summary>The step of <paramref name="access"/>, or null when it lists nothing and so keeps no client out.</summary>
    public static AccessListStep? For(AccessConfig access) => access.Allow.Count == 0 && access.Deny.Count == 0 ? null : new AccessListStep(access);

    /// <summary>Refuses with <see cref="DropReason.AccessDenied"/> a client the lists keep out.</summary>
    public DropReason? Check(SocketAddress client) => _access.IsAllowed(client) ? null : DropReason.AccessDenied;
}
