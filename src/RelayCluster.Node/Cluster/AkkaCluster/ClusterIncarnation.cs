using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.DistributedData;
using RelayCluster.Node.Affinity;
using ClusterExtension = Akka.Cluster.Cluster;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>
/// One life of the node in the cluster: its own ActorSystem with the cluster extension, the replicator, the state
/// actor and the rule writer singleton. A downed node cannot rejoin with the same system, so the backplane makes a
/// new incarnation instead.
/// </summary>
public sealed class ClusterIncarnation
{
    private ClusterIncarnation(int number, ActorSystem system)
    {
        Number = number;
        System = system;
        Cluster = ClusterExtension.Get(system);
        Replicator = DistributedData.Get(system).Replicator;
    }

    /// <summary>Counts the incarnations of one backplane, from 1.</summary>
    public int Number { get; }

    /// <summary>The cluster ActorSystem of this incarnation.</summary>
    public ActorSystem System { get; }

    /// <summary>Its cluster extension.</summary>
    public ClusterExtension Cluster { get; }

    /// <summary>Its DistributedData replicator.</summary>
    public IActorRef Replicator { get; }

    /// <summary>The proxy of the rule writer singleton.</summary>
    public IActorRef RuleWriter { get; private set; } = ActorRefs.Nobody;

    /// <summary>
    /// Starts the system named <paramref name="name"/> with <paramref name="config"/>, its actors (the affinity actor when
    /// <paramref name="affinity"/> is set), and the join.
    /// </summary>
    public static ClusterIncarnation Start(
        int number, string name, Akka.Configuration.Config config, MemberInfo info, Action<ClusterSnapshot> publish, AffinityTable? affinity = null)
    {
        var fallback = config
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(DistributedData.DefaultConfig());
        var incarnation = new ClusterIncarnation(number, ActorSystem.Create(name, fallback));
        var system = incarnation.System;
        system.ActorOf(ClusterStateActor.Props(info, publish), ClusterStateActor.Name);
        if (affinity is not null)
        {
            system.ActorOf(AffinityActor.Props(affinity), AffinityActor.Name);
        }

        system.ActorOf(
            ClusterSingletonManager.Props(RuleWriterActor.Props(), PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)),
            "rule-writer");
        incarnation.RuleWriter = system.ActorOf(
            ClusterSingletonProxy.Props("/user/rule-writer", ClusterSingletonProxySettings.Create(system)), "rule-writer-proxy");
        if (config.GetStringList("akka.cluster.seed-nodes").Count == 0)
        {
            incarnation.Cluster.Join(incarnation.Cluster.SelfAddress);
        }

        return incarnation;
    }
}
