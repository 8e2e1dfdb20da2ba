using RelayCluster.Core.Upstreams;
using RelayCluster.Etcd.Kv;

namespace RelayCluster.Node.Cluster.Etcd;

/// <summary>
/// What the etcd backplane has read of the keyspace, kept by key kind. Not thread-safe: the backplane holds its lock.
/// A member whose key vanished without a leave (its lease lapsed) stays listed as unreachable for one more
/// failure timeout before it is dropped as removed, so every node shows the same story: unreachable, then removed.
/// </summary>
internal sealed class EtcdClusterState(EtcdKeys keys)
{
    private readonly Dictionary<string, MemberRecord> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Member Member, long LostAt)> _lost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredRule> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UpstreamAdminEntry> _upstreams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeStats> _stats = new(StringComparer.Ordinal);

    public MemberRecord? FindMember(string id) => _members.GetValueOrDefault(id);

    public StoredRule? FindRule(string name) => _rules.GetValueOrDefault(name);

    /// <summary>Replaces everything with a full read of the keyspace.</summary>
    public void Load(IReadOnlyList<EtcdKeyValue> kvs)
    {
        var before = new Dictionary<string, MemberRecord>(_members, StringComparer.Ordinal);
        _members.Clear();
        _rules.Clear();
        _upstreams.Clear();
        _stats.Clear();
        foreach (var kv in kvs)
        {
            Put(kv);
        }

        // Members that vanished while the node was not watching are handled as if their deletes had been seen.
        foreach (var (id, record) in before)
        {
            if (!_members.ContainsKey(id))
            {
                MemberGone(record);
            }
        }
    }

    public void Put(EtcdKeyValue kv)
    {
        var key = kv.Key;
        if (key.StartsWith(keys.Members, StringComparison.Ordinal))
        {
            if (EtcdJson.Read<MemberRecord>(kv.ValueString) is { } member)
            {
                _members[member.Id] = member;
                _lost.Remove(member.Id);
            }
        }
        else if (key.StartsWith(keys.Rules, StringComparison.Ordinal))
        {
            var name = key[keys.Rules.Length..];
            _rules[name] = new StoredRule(name, kv.ValueString, kv.ModRevision);
        }
        else if (key.StartsWith(keys.Stats, StringComparison.Ordinal))
        {
            if (EtcdJson.Read<NodeStats>(kv.ValueString) is { } stats)
            {
                _stats[key[keys.Stats.Length..]] = stats;
            }
        }
        else if (key.StartsWith(keys.UpstreamStates, StringComparison.Ordinal))
        {
            if (EtcdJson.Read<UpstreamAdminEntry>(kv.ValueString) is { } entry)
            {
                _upstreams[key] = entry;
            }
        }
    }

    public void Delete(string key)
    {
        if (key.StartsWith(keys.Members, StringComparison.Ordinal))
        {
            if (_members.Remove(key[keys.Members.Length..], out var member))
            {
                MemberGone(member);
            }
        }
        else if (key.StartsWith(keys.Rules, StringComparison.Ordinal))
        {
            _rules.Remove(key[keys.Rules.Length..]);
        }
        else if (key.StartsWith(keys.Stats, StringComparison.Ordinal))
        {
            _stats.Remove(key[keys.Stats.Length..]);
        }
        else if (key.StartsWith(keys.UpstreamStates, StringComparison.Ordinal))
        {
            _upstreams.Remove(key);
        }
    }

    /// <summary>Drops lost members whose grace ran out; true when one was dropped.</summary>
    public bool ExpireLost(long now, long failureTimeoutMs)
    {
        var expired = _lost.Where(pair => now - pair.Value.LostAt >= failureTimeoutMs).Select(pair => pair.Key).ToList();
        foreach (var id in expired)
        {
            _lost.Remove(id);
        }

        return expired.Count > 0;
    }

    public ClusterView View(bool connected)
    {
        var members = _members.Values.Select(record => record.ToMember())
            .Concat(_lost.Values.Select(lost => lost.Member))
            .OrderBy(member => member.Id, StringComparer.Ordinal)
            .ToList();
        return new ClusterView(
            connected,
            members,
            new Dictionary<string, StoredRule>(_rules, StringComparer.Ordinal),
            [.. _upstreams.Values],
            new Dictionary<string, NodeStats>(_stats, StringComparer.Ordinal));
    }

    private void MemberGone(MemberRecord member)
    {
        // A leave ends in removed (or exiting, if the node died between the two writes); anything else is a crash.
        if (member.Status is MemberStatus.Removed or MemberStatus.Exiting)
        {
            return;
        }

        _lost[member.Id] = (member.ToMember() with { Reachable = false }, Environment.TickCount64);
    }
}
