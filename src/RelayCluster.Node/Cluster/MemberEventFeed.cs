using System.Threading.Channels;

namespace RelayCluster.Node.Cluster;

/// <summary>Fans membership events out to every subscriber (such as <c>relayctl cluster tail</c>); a slow subscriber loses its oldest events, never blocks the node.</summary>
public sealed class MemberEventFeed
{
    private readonly Lock _lock = new();
    private readonly List<Channel<MemberEvent>> _subscribers = [];

    /// <summary>How many subscribers are listening now.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Subscribes until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async IAsyncEnumerable<MemberEvent> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<MemberEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        try
        {
            await foreach (var memberEvent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return memberEvent;
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    /// <summary>Sends <paramref name="events"/> to every subscriber.</summary>
    public void Publish(IReadOnlyList<MemberEvent> events)
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                foreach (var memberEvent in events)
                {
                    subscriber.Writer.TryWrite(memberEvent);
                }
            }
        }
    }
}
