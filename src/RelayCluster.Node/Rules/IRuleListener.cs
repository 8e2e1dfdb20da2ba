using System.Net;

namespace RelayCluster.Node.Rules;

/// <summary>The listening side of a rule, UDP or TCP.</summary>
public interface IRuleListener : IAsyncDisposable
{
    /// <summary>The bound address (with the real port when the rule asked for port 0).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>False once the listener stopped opening sessions (drain).</summary>
    bool IsAccepting { get; }

    /// <summary>Starts receiving or accepting.</summary>
    void Start();

    /// <summary>Stops opening sessions; existing sessions continue.</summary>
    void StopAccepting();
}
