namespace RelayCluster.Node.Cluster;

/// <summary>One rule as the backplane stores it: its object as compact JSON, and its revision.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Json">The rule's object (the keys under <c>relay.rules.NAME</c>) as JSON.</param>
/// <param name="Revision">Increases with every change: the Akka backplane's rule writer counter, or the embedded backplane's.</param>
public sealed record StoredRule(string Name, string Json, long Revision);
