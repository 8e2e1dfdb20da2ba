namespace RelayCluster.Node.Tests.Cluster;

// The tests on real relay-node processes measure how fast a cluster converges and reacts (within 1 s, 5 s, 20 s) and
// one of them saturates both cores for 20 s: they run alone, neither disturbing nor disturbed by other classes.
[CollectionDefinition(nameof(ProcessClusters), DisableParallelization = true)]
public class ProcessClusters;
