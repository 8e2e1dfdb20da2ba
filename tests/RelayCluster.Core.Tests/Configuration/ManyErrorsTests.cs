using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Tests.Configuration;

public class ManyErrorsTests
{
    [Fact]
    public void Bind_ManyMistakes_ReportsEveryOneInFileOrder()
    {
        var errors = ConfigText.Errors("""
            relay {
              node {
                admin { bind = "0.0.0.0:9110" }
                shutdown-grace = soon
              }
              cluster { backplane = zookeeper }
              rules {
                game {
                  protocol = udp
                  listen = "0.0.0.0:27015"
                  balance = least-session
                  upstreams = [ "10.0.0.11:27015", { address = "10.0.0.12", weight = 0 } ]
                  sesion { max = 10 }
                }
                web {
                  listen = "0.0.0.0:8443"
                  upstreams = [ "web-1:8443" ]
                }
              }
            }
            """);

        Assert.Equal(
            [
                "test.hocon:3:20: relay.node.admin.bind: a non-loopback admin bind ('0.0.0.0:9110') requires relay.node.admin.token",
                "test.hocon:4:22: relay.node.shutdown-grace: expected a duration such as 500ms or 2s, got 'soon'",
                "test.hocon:6:25: relay.cluster.backplane: unknown value 'zookeeper'; allowed: embedded, akka",
                "test.hocon:11:17: relay.rules.game.balance: unknown balancing policy 'least-session'; did you mean 'least-sessions'? allowed: round-robin, least-sessions, random-two, hash-client-ip, most-free-slots",
                "test.hocon:12:52: relay.rules.game.upstreams[1].address: expected host:port such as 10.0.0.11:27015, [2001:db8::11]:27015 or game-1.internal:27015, got '10.0.0.12' (the port is missing)",
                "test.hocon:12:74: relay.rules.game.upstreams[1].weight: expected an integer from 1 to 10000, got '0'",
                "test.hocon:13:7: relay.rules.game.sesion: unknown key; did you mean 'session'?",
                "test.hocon:15:5: relay.rules.web.protocol: missing; set protocol = udp or protocol = tcp",
            ],
            errors.Select(error => error.ToString()));
    }

    [Fact]
    public void ConfigError_WithoutLine_PrintsFileAndMessage()
    {
        Assert.Equal("a.hocon: file not found", new ConfigError(new Hocon.HoconPosition("a.hocon", 0, 0), "file not found").ToString());
    }
}
