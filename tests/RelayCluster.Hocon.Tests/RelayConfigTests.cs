namespace RelayCluster.Hocon.Tests;

/// <summary>The shape of the node's own configuration file, end to end.</summary>
public class RelayConfigTests
{
    private const string Config = """
        relay {
          node {
            id = ${?RELAY_NODE_ID}            # default: <hostname>-<admin port>
            roles = []
            admin { bind = "127.0.0.1:9110", token = ${?RELAY_ADMIN_TOKEN} }
            shutdown-grace = 10s
          }
          cluster {
            backplane = embedded              # embedded | akka
            akka { bind = "0.0.0.0:4053", seed-nodes = ["10.0.0.1:4053", "10.0.0.2:4053"] }
          }
          rules {
            game-eu {
              protocol = udp
              listen = "0.0.0.0:27015"
              upstreams = [ "10.0.0.11:27015", { address = "10.0.0.12:27015", weight = 3 } ]
              session { idle-timeout = 60s, max = 50000 }
              health {
                interval = 2s, timeout = 1s, rise = 2, fall = 3
                udp-probe { send = "hex:FFFFFFFF54", expect = "hex:FFFFFFFF" }
              }
              access { allow = [], deny = ["203.0.113.0/24"] }
              rate-limit { bytes-per-second = 256KiB }
            }
            game-us = ${relay.rules.game-eu} { listen = "0.0.0.0:27016" }
          }
          log { level = Information, format = text }
        }
        """;

    [Fact]
    public void Parse_RelayConfig_GivesTheExpectedValues()
    {
        var options = new HoconParseOptions { GetEnvironmentVariable = name => name == "RELAY_ADMIN_TOKEN" ? "s3cret" : null };

        var root = HoconParser.Parse(Config, "relay.hocon", options);

        Assert.Null(root.GetPath("relay.node.id"));
        Assert.Equal("s3cret", Text(root, "relay.node.admin.token"));
        Assert.Equal("127.0.0.1:9110", Text(root, "relay.node.admin.bind"));
        Assert.True(HoconDuration.TryParse(Text(root, "relay.node.shutdown-grace"), out var grace));
        Assert.Equal(TimeSpan.FromSeconds(10), grace);
        Assert.True(HoconSize.TryParse(Text(root, "relay.rules.game-eu.rate-limit.bytes-per-second"), out var rate));
        Assert.Equal(256 * 1024, rate);
        var upstreams = Assert.IsType<HoconArray>(root.GetPath("relay.rules.game-eu.upstreams"));
        Assert.Equal("10.0.0.11:27015", ((HoconScalar)upstreams.Items[0]).Text);
        Assert.Equal("3", Text((HoconObject)upstreams.Items[1], "weight"));
        Assert.Equal("0.0.0.0:27016", Text(root, "relay.rules.game-us.listen"));
        Assert.Equal("udp", Text(root, "relay.rules.game-us.protocol"));
        Assert.Equal(["game-eu", "game-us"], ((HoconObject)root.GetPath("relay.rules")!).Fields.Select(f => f.Key));
        Assert.Equal(new HoconPosition("relay.hocon", 13, 5), ((HoconObject)root.GetPath("relay.rules")!).GetField("game-eu")!.KeyPosition);
    }

    private static string Text(HoconObject root, string path) => Assert.IsType<HoconScalar>(root.GetPath(path)).Text;
}
