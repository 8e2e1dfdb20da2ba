using Akka.Actor;
using Akka.Event;
using RelayCluster.Node.Actors;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

/// <summary>
/// Ends a session whose <see cref="SessionStarted"/> reached no router, or whose <see cref="OwnSession"/> reached no
/// session actor (it stopped in between): without an actor nobody would ever close its sockets. Listens to the actor
/// system's dead letters.
/// </summary>
internal sealed class AbandonedSessionActor : ReceiveActor
{
    public AbandonedSessionActor()
    {
        Receive<DeadLetter>(dead => dead.Message is SessionStarted, dead => ((SessionStarted)dead.Message).Session.Close(SessionCloseReason.Failed));
        Receive<DeadLetter>(dead => dead.Message is OwnSession, dead => ((OwnSession)dead.Message).Session.Close(SessionCloseReason.Failed));
        Receive<GetActorTree>(_ => Sender.Tell(new ActorTree([Self.Path.ToStringWithoutAddress()])));
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
