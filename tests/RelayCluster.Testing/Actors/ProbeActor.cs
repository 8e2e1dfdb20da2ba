using System.Threading.Channels;
using RelayCluster.Core.Actors;

namespace RelayCluster.Testing.Actors;

/// <summary>The actor behind an <see cref="ActorProbe"/>: records what it receives and carries out watch requests.</summary>
internal sealed class ProbeActor(ChannelWriter<ProbeMessage> received) : Actor
{
    protected override ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case ProbeWatch watch:
                if (watch.Watch)
                {
                    Context.Watch(watch.Target);
                }
                else
                {
                    Context.Unwatch(watch.Target);
                }

                Context.Reply(watch);
                break;
            default:
                received.TryWrite(new ProbeMessage(message, Sender));
                break;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A message the probe received and who sent it.</summary>
internal readonly record struct ProbeMessage(object Message, ActorRef? Sender);

/// <summary>Asks the probe actor to start or stop watching <paramref name="Target"/>.</summary>
internal sealed record ProbeWatch(ActorRef Target, bool Watch);
