using System.Threading.Channels;
using RelayCluster.Core.Actors;
using RelayCluster.Testing.Actors;

namespace RelayCluster.Testing;

/// <summary>A test actor that records the messages sent to it and lets a test wait for them with a deadline.</summary>
public sealed class ActorProbe
{
    private static readonly TimeSpan s_watchTimeout = TimeSpan.FromSeconds(10);
    private readonly Channel<ProbeMessage> _received = Channel.CreateUnbounded<ProbeMessage>();

    private ActorProbe(ActorSystem system, string name)
    {
        Ref = system.Spawn(() => new ProbeActor(_received.Writer), name);
    }

    /// <summary>The probe's reference: pass it to actors as a target or sender.</summary>
    public ActorRef Ref { get; }

    /// <summary>The sender of the last message taken by an expect or fish call.</summary>
    public ActorRef? LastSender { get; private set; }

    /// <summary>Spawns a probe as a top-level actor named <paramref name="name"/>.</summary>
    public static ActorProbe Create(ActorSystem system, string name = "probe") => new(system, name);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with the probe as sender, so replies come here.</summary>
    public bool Send(ActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Replies to <see cref="LastSender"/> with the probe as sender.</summary>
    public bool Reply(object message) =>
        (LastSender ?? throw new InvalidOperationException("The probe has no sender to reply to.")).Tell(message, Ref);

    /// <summary>Makes the probe receive <see cref="Terminated"/> when <paramref name="target"/> stops.</summary>
    public Task WatchAsync(ActorRef target) => Ref.Ask<ProbeWatch>(new ProbeWatch(target, Watch: true), s_watchTimeout);

    /// <summary>Stops watching <paramref name="target"/>.</summary>
    public Task UnwatchAsync(ActorRef target) => Ref.Ask<ProbeWatch>(new ProbeWatch(target, Watch: false), s_watchTimeout);

    /// <summary>Waits for the next message and fails unless it is a <typeparamref name="T"/> arriving within <paramref name="timeout"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(TimeSpan timeout)
    {
        var received = await ReceiveAsync(timeout, $"a {typeof(T).Name}");
        return received is T typed
            ? typed
            : throw new InvalidOperationException(
                $"{Ref.Path} expected a {typeof(T).Name} but received {Describe(received)}.");
    }

    /// <summary>Waits for the next message and fails unless it equals <paramref name="expected"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(T expected, TimeSpan timeout)
        where T : notnull
    {
        var received = await ExpectMsgAsync<T>(timeout);
        return Equals(received, expected)
            ? received
            : throw new InvalidOperationException($"{Ref.Path} expected {Describe(expected)} but received {Describe(received)}.");
    }

    /// <summary>Fails if any message arrives within <paramref name="duration"/>.</summary>
    public async Task ExpectNoMsgAsync(TimeSpan duration)
    {
        using var cancellation = new CancellationTokenSource(duration);
        try
        {
            var unexpected = await _received.Reader.ReadAsync(cancellation.Token);
            throw new InvalidOperationException(
                $"{Ref.Path} expected no message for {duration} but received {Describe(unexpected.Message)}.");
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    /// <summary>Skips messages until a <typeparamref name="T"/> matching <paramref name="isMatch"/> arrives, failing at the deadline.</summary>
    public async Task<T> FishForMessageAsync<T>(Func<T, bool> isMatch, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(isMatch);
        var deadline = DateTime.UtcNow + timeout;
        var skipped = new List<string>();
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            object received;
            try
            {
                received = await ReceiveAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, $"a matching {typeof(T).Name}");
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{ex.Message} Skipped: [{string.Join(", ", skipped)}].", ex);
            }

            if (received is T typed && isMatch(typed))
            {
                return typed;
            }

            skipped.Add(Describe(received));
        }
    }

    private async Task<object> ReceiveAsync(TimeSpan timeout, string expected)
    {
        if (_received.Reader.TryRead(out var ready))
        {
            LastSender = ready.Sender;
            return ready.Message;
        }

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            var received = await _received.Reader.ReadAsync(cancellation.Token);
            LastSender = received.Sender;
            return received.Message;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"{Ref.Path} expected {expected} within {timeout} but received nothing.");
        }
    }

    private static string Describe(object message) => $"{message.GetType().Name} '{message}'";
}
