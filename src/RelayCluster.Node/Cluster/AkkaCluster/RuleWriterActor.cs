using Akka.Actor;
using Akka.DistributedData;
using ClusterExtension = Akka.Cluster.Cluster;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>
/// The cluster singleton every rule write goes through, one at a time: it reads the rules from a majority, compares
/// the revision the writer expects with the stored one, and writes the new revision to all members. DistributedData
/// has no compare-and-set of its own; one writer makes If-Match exact.
/// </summary>
public sealed class RuleWriterActor : ReceiveActor
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(3);
    private readonly IActorRef _replicator;
    private readonly ClusterExtension _cluster;

    /// <summary>Creates the writer on the system's replicator.</summary>
    public RuleWriterActor()
    {
        _replicator = DistributedData.Get(Context.System).Replicator;
        _cluster = ClusterExtension.Get(Context.System);
        ReceiveAsync<SeedRules>(SeedAsync);
        ReceiveAsync<PutRule>(PutAsync);
        ReceiveAsync<DeleteRule>(DeleteAsync);
    }

    /// <summary>The props of the singleton.</summary>
    public static Props Props() => Akka.Actor.Props.Create<RuleWriterActor>();

    private async Task SeedAsync(SeedRules seed)
    {
        var sender = Sender;
        var rules = await ReadAsync(ClusterKeys.Rules);
        if (rules is null)
        {
            sender.Tell(new RuleWriteReply(RuleWriteOutcome.Unavailable, 0, "the rules could not be read"));
            return;
        }

        if (rules.Count > 0 || seed.Rules.Count == 0)
        {
            sender.Tell(new RuleWriteReply(RuleWriteOutcome.Written, Highest(rules), null));
            return;
        }

        sender.Tell(await WriteAsync(
            ClusterKeys.Rules,
            current => seed.Rules.Aggregate(current, (all, rule) => all.SetItem(_cluster, rule.Name, new RuleEntry(rule.Json, 1))),
            1));
    }

    private async Task PutAsync(PutRule put)
    {
        var sender = Sender;
        var rules = await ReadAsync(ClusterKeys.Rules);
        if (rules is null)
        {
            sender.Tell(new RuleWriteReply(RuleWriteOutcome.Unavailable, 0, "the rules could not be read"));
            return;
        }

        var current = rules.TryGetValue(put.Name, out var entry) && entry.Json is not null ? entry.Revision : 0;
        if (put.ExpectedRevision is { } expected && expected != current)
        {
            sender.Tell(new RuleWriteReply(RuleWriteOutcome.Conflict, current, null));
            return;
        }

        var revision = Highest(rules) + 1;
        sender.Tell(await WriteAsync(ClusterKeys.Rules, all => all.SetItem(_cluster, put.Name, new RuleEntry(put.Json, revision)), revision));
    }

    private async Task DeleteAsync(DeleteRule delete)
    {
        var sender = Sender;
        var rules = await ReadAsync(ClusterKeys.Rules);
        if (rules is null)
        {
            sender.Tell(new RuleWriteReply(RuleWriteOutcome.Unavailable, 0, "the rules could not be read"));
            return;
        }

        if (!rules.TryGetValue(delete.Name, out var entry) || entry.Json is null)
        {
            sender.Tell(new RuleWriteReply(RuleWriteOutcome.NotFound, 0, null));
            return;
        }

        if (delete.ExpectedRevision is { } expected && expected != entry.Revision)
        {
            sender.Tell(new RuleWriteReply(RuleWriteOutcome.Conflict, entry.Revision, null));
            return;
        }

        // A tombstone, not a removal: the revision of a rule deleted and created again still grows.
        var revision = Highest(rules) + 1;
        var reply = await WriteAsync(ClusterKeys.Rules, all => all.SetItem(_cluster, delete.Name, new RuleEntry(null, revision)), revision);
        if (reply.Outcome == RuleWriteOutcome.Written)
        {
            await WriteAsync(
                ClusterKeys.Upstreams,
                all => all.Entries.Where(state => state.Value.Rule == delete.Name).Aggregate(all, (rest, state) => rest.Remove(_cluster, state.Key)),
                revision);
        }

        sender.Tell(reply);
    }

    private static long Highest(LWWDictionary<string, RuleEntry> rules) =>
        rules.Entries.Values.Select(entry => entry.Revision).DefaultIfEmpty(0).Max();

    /// <summary>The key's value from a majority; the local copy when a majority cannot answer (a two-node cluster that lost one); null on failure.</summary>
    private async Task<LWWDictionary<string, TValue>?> ReadAsync<TValue>(LWWDictionaryKey<string, TValue> key)
    {
        foreach (var consistency in new IReadConsistency[] { new ReadMajority(s_timeout), ReadLocal.Instance })
        {
            var response = await _replicator.Ask<IGetResponse>(Dsl.Get(key, consistency), s_timeout + TimeSpan.FromSeconds(1));
            switch (response)
            {
                case GetSuccess success:
                    return success.Get(key);
                case NotFound:
                    return LWWDictionary<string, TValue>.Empty;
            }
        }

        return null;
    }

    /// <summary>Writes to every member; a timeout still counts as written, since the local copy has it and gossip spreads it.</summary>
    private async Task<RuleWriteReply> WriteAsync<TValue>(
        LWWDictionaryKey<string, TValue> key, Func<LWWDictionary<string, TValue>, LWWDictionary<string, TValue>> modify, long revision)
    {
        var response = await _replicator.Ask<IUpdateResponse>(
            Dsl.Update(key, LWWDictionary<string, TValue>.Empty, new WriteAll(s_timeout), modify), s_timeout + TimeSpan.FromSeconds(1));
        return response is UpdateSuccess or UpdateTimeout
            ? new RuleWriteReply(RuleWriteOutcome.Written, revision, null)
            : new RuleWriteReply(RuleWriteOutcome.Unavailable, 0, response.ToString());
    }
}
