using System.Buffers.Binary;
using System.Text;
using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Health;
using RelayCluster.Node.Health.Internal;

namespace RelayCluster.Node.Tests.Health;

public class MinecraftBedrockProbeTests
{
    private static readonly byte[] s_magic = Convert.FromHexString("00FFFF00FEFEFEFEFDFDFDFD12345678");

    [Fact]
    public async Task ProbeAsync_ServerAnswersWithPong_Passes()
    {
        await using var server = ScriptedUdpUpstream.Start(request => Pong(request, s_magic));

        var result = await new MinecraftBedrockProbe(TimeSpan.FromSeconds(5), clientGuid: 0x0102030405060708).ProbeAsync(server.EndPoint, CancellationToken.None);

        Assert.True(result.IsPassed, result.ToString());
        var ping = Assert.Single(server.Received);
        Assert.Equal(33, ping.Length);
        Assert.Equal(0x01, ping[0]);
        Assert.Equal(s_magic, ping[9..25]);
        Assert.Equal("0102030405060708", Convert.ToHexString(ping[25..]));
    }

    [Theory]
    [InlineData("wrong magic")]
    [InlineData("wrong time")]
    [InlineData("not a pong")]
    [InlineData("too short")]
    public async Task ProbeAsync_ServerAnswersWrong_IsMismatch(string fault)
    {
        await using var server = ScriptedUdpUpstream.Start(request =>
        {
            var pong = Pong(request, fault == "wrong magic" ? new byte[16] : s_magic)!;
            switch (fault)
            {
                case "wrong time": pong[8] ^= 0xFF; break;
                case "not a pong": pong[0] = 0x1D; break;
                case "too short": return pong[..30];
            }

            return pong;
        });

        var result = await new MinecraftBedrockProbe(TimeSpan.FromSeconds(5)).ProbeAsync(server.EndPoint, CancellationToken.None);

        Assert.Equal(HealthFailureReason.Mismatch, result.Failure);
    }

    [Fact]
    public async Task ProbeAsync_ServerSilent_TimesOut()
    {
        await using var server = ScriptedUdpUpstream.Start(_ => null);

        var result = await new MinecraftBedrockProbe(TimeSpan.FromMilliseconds(100)).ProbeAsync(server.EndPoint, CancellationToken.None);

        Assert.Equal("timeout: no reply within 100ms", result.ToString());
    }

    [Fact]
    public async Task ProbeAsync_PongCarriesPlayers_ReportsThem()
    {
        await using var server = ScriptedUdpUpstream.Start(request => Pong(request, s_magic));

        var result = await new MinecraftBedrockProbe(TimeSpan.FromSeconds(5)).ProbeAsync(server.EndPoint, CancellationToken.None);

        Assert.True(result.IsPassed, result.ToString());
        Assert.Equal(new UpstreamCapacity(0, 10), result.Capacity);
    }

    [Theory]
    [InlineData("MCPE;Dedicated Server;527;1.19.1;7;40;1325;Bedrock level;", "7/40")]
    [InlineData("MCPE;Dedicated Server;527;1.19.1;7", null)]
    [InlineData("MCPE;Dedicated Server;527;1.19.1;many;40;", null)]
    public void ReadCapacity_ServerIdString_ReadsPlayersAndMax(string serverId, string? expected)
    {
        var id = Encoding.UTF8.GetBytes(serverId);
        byte[] pong = [0x1C, .. new byte[16], .. s_magic, (byte)(id.Length >> 8), (byte)id.Length, .. id];

        Assert.Equal(expected, RakNetPing.ReadCapacity(pong)?.ToString());
    }

    [Fact]
    public void Ping_Layout_IsIdTimeMagicGuid()
    {
        var ping = RakNetPing.Ping(time: 0x1122, clientGuid: -2);

        Assert.Equal("01" + "0000000000001122" + "00FFFF00FEFEFEFEFDFDFDFD12345678" + "FFFFFFFFFFFFFFFE", Convert.ToHexString(ping));
    }

    [Fact]
    public void HealthProbesCreate_MinecraftBedrockPreset_MakesABedrockProbe()
    {
        Assert.IsType<MinecraftBedrockProbe>(HealthProbes.Create(HealthConfigText.Bind("check = udp-probe, preset = minecraft-bedrock")));
    }

    // An unconnected pong as Bedrock servers send it: id, the ping's time, server GUID, magic, then the server id string.
    private static byte[]? Pong(byte[] ping, byte[] magic)
    {
        if (ping.Length != 33 || ping[0] != 0x01)
        {
            return null;
        }

        var motd = Encoding.UTF8.GetBytes("MCPE;Dedicated Server;527;1.19.1;0;10;13253860892328930865;Bedrock level;Survival;1;19132;19133;");
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)motd.Length);
        return [0x1C, .. ping[1..9], 0, 0, 0, 0, 0, 0, 0, 0x2A, .. magic, .. length, .. motd];
    }
}
