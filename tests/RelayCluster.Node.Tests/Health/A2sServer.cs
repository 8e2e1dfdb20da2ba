using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using RelayCluster.Node.Health.Internal;

namespace RelayCluster.Node.Tests.Health;

/// <summary>
/// A game server on 127.0.0.1 and a free port as a Source server speaks: it answers A2S_INFO with its name and its
/// player counts, and echoes every other datagram. Each game datagram carries a sequence number, one per player, and
/// every player who sent one counts toward the players it reports, as a real server counts those who joined.
/// </summary>
internal sealed class A2sServer : IAsyncDisposable
{
    private readonly ScriptedUdpUpstream _socket;
    private readonly ConcurrentDictionary<int, int> _echoedBySequence = new();
    private volatile int _players;
    private volatile int _maxPlayers;

    private A2sServer(int players, int maxPlayers)
    {
        _players = players;
        _maxPlayers = maxPlayers;
        _socket = ScriptedUdpUpstream.Start(Answer);
    }

    public IPEndPoint EndPoint => _socket.EndPoint;

    /// <summary>How many game datagrams (anything but a query) the server echoed.</summary>
    public int Echoed => _echoedBySequence.Count;

    public static A2sServer Start(int players, int maxPlayers) => new(players, maxPlayers);

    /// <summary>Changes the players from elsewhere and the most players that the next answers to A2S_INFO say.</summary>
    public void Report(int players, int maxPlayers)
    {
        _players = players;
        _maxPlayers = maxPlayers;
    }

    /// <summary>An A2S_INFO reply (Source) saying <paramref name="players"/> of <paramref name="maxPlayers"/>.</summary>
    public static byte[] Info(int players, int maxPlayers)
    {
        var appId = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(appId, 240);
        return [.. A2sInfo.Header, 0x49, 0x11, .. Encoding.UTF8.GetBytes("test server\0de_dust2\0cstrike\0Counter-Strike\0"),
            .. appId, (byte)players, (byte)maxPlayers, 0, 0x64, 0x6C, 0x00, 0x01];
    }

    public ValueTask DisposeAsync() => _socket.DisposeAsync();

    private byte[] Answer(byte[] datagram)
    {
        if (datagram.AsSpan().StartsWith(A2sInfo.Header))
        {
            return Info(_players + Echoed, _maxPlayers);
        }

        // Game datagrams carry a 4-byte sequence number so a test can count each one once.
        _echoedBySequence.TryAdd(BinaryPrimitives.ReadInt32LittleEndian(datagram), 0);
        return datagram;
    }
}
