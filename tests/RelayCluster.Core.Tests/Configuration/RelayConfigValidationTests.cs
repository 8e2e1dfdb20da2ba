namespace RelayCluster.Core.Tests.Configuration;

/// <summary>One mistake per row: the error must point at <c>marker</c> (line 1) and read exactly as <c>message</c>.</summary>
public class RelayConfigValidationTests
{
    private const string Rule = """relay.rules.game { protocol = udp, listen = "0.0.0.0:27015", upstreams = ["10.0.0.11:27015"]""";

    [Theory]
    // Unknown keys, with a hint when one is close and the known keys when none is.
    [InlineData(Rule + ", balanse = random-two }", "balanse", "relay.rules.game.balanse: unknown key; did you mean 'balance'?")]
    [InlineData(Rule + ", session { idle_timeout = 5s } }", "idle_timeout", "relay.rules.game.session.idle_timeout: unknown key; did you mean 'idle-timeout'?")]
    [InlineData("relay { node { admn { bind = \"127.0.0.1:1\" } } }", "admn", "relay.node.admn: unknown key; did you mean 'admin'?")]
    [InlineData("relay { rulez { } }", "rulez", "relay.rulez: unknown key; did you mean 'rules'?")]
    [InlineData("relay { log { colour = red } }", "colour", "relay.log.colour: unknown key; known keys: level, format, file")]
    // Values of the wrong type or out of range.
    [InlineData("relay { cluster { stats-interval = abc } }", "abc", "relay.cluster.stats-interval: expected a duration such as 500ms or 2s, got 'abc'")]
    [InlineData("relay { cluster { stats-interval = 0s } }", "0s", "relay.cluster.stats-interval: must be greater than 0, got '0s'")]
    [InlineData("relay { cluster { akka = [] } }", "[]", "relay.cluster.akka: expected an object { ... }, got an array")]
    [InlineData("relay { node { roles = edge } }", "edge", "relay.node.roles: expected an array [ ... ], got 'edge'")]
    [InlineData(Rule + ", session { max = 0 } }", "0 }", "relay.rules.game.session.max: expected an integer of 1 or more, got '0'")]
    [InlineData(Rule + ", session { connect-attempts = 17 } }", "17", "relay.rules.game.session.connect-attempts: expected an integer from 1 to 16, got '17'")]
    [InlineData(Rule + ", session { max-datagram = 64KiB } }", "64KiB", "relay.rules.game.session.max-datagram: expected a size from 64 to 65507 bytes, got '64KiB'")]
    [InlineData(Rule + ", session { max-datagram = lots } }", "lots", "relay.rules.game.session.max-datagram: expected a size such as 2048 or 64KiB, got 'lots'")]
    [InlineData(Rule + ", health { rise = 0 } }", "0 }", "relay.rules.game.health.rise: expected an integer from 1 to 100, got '0'")]
    [InlineData(Rule + ", health { timeout = 3s } }", "3s", "relay.rules.game.health.timeout: must be at most interval (2s), got 3s")]
    [InlineData(Rule + ", rate-limit { burst = -1 } }", "-1", "relay.rules.game.rate-limit.burst: expected an integer of 0 or more, got '-1'")]
    [InlineData(Rule + ", rate-limit { max-clients = 0 } }", "0 }", "relay.rules.game.rate-limit.max-clients: expected an integer from 1 to 16777216, got '0'")]
    // Names, enums and policies.
    [InlineData(Rule + ", balance = least-session }", "least-session ", "relay.rules.game.balance: unknown balancing policy 'least-session'; did you mean 'least-sessions'? allowed: round-robin, least-sessions, random-two, hash-client-ip, most-free-slots")]
    [InlineData(Rule + ", balance = fastest }", "fastest", "relay.rules.game.balance: unknown balancing policy 'fastest'; allowed: round-robin, least-sessions, random-two, hash-client-ip, most-free-slots")]
    [InlineData(Rule + ", load-scope = global }", "global", "relay.rules.game.load-scope: unknown value 'global'; allowed: node, cluster")]
    [InlineData(Rule + ", proxy-protocol = v1 }", "v1", "relay.rules.game.proxy-protocol: unknown value 'v1'; did you mean 'v2'? allowed: none, v2")]
    [InlineData(Rule + ", health { check = tcp } }", "tcp }", "relay.rules.game.health.check: unknown value 'tcp'; allowed: none, tcp-connect, udp-probe")]
    [InlineData("relay { log { level = info } }", "info", "relay.log.level: unknown value 'info'; allowed: verbose, debug, information, warning, error, fatal")]
    [InlineData("relay { metrics { otlp { endpoint = \"udp://127.0.0.1:4317\" } } }", "\"udp:", "relay.metrics.otlp.endpoint: expected an http:// or https:// URL such as http://127.0.0.1:4318/v1/metrics, got 'udp://127.0.0.1:4317'")]
    [InlineData("relay { metrics { otlp { interval = 0s } } }", "0s", "relay.metrics.otlp.interval: must be greater than 0, got '0s'")]
    [InlineData("relay { metrics { otlp { endpont = x } } }", "endpont", "relay.metrics.otlp.endpont: unknown key; did you mean 'endpoint'?")]
    [InlineData("relay { cluster { backplane = aka } }", "aka", "relay.cluster.backplane: unknown value 'aka'; did you mean 'akka'? allowed: embedded, akka")]
    [InlineData("relay { node { id = \"node a\" } }", "\"node a\"", "relay.node.id: expected 1 to 128 letters, digits, '.', '-' or '_', got 'node a'")]
    [InlineData("relay { cluster { name = \"eu/west\" } }", "\"eu/west\"", "relay.cluster.name: expected 1 to 64 letters, digits, '-' or '_', got 'eu/west'")]
    [InlineData("relay { rules { \"game eu\" { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [\"h:1\"] } } }", "\"game eu\"", "relay.rules.game eu: a rule name must be 1 to 64 letters, digits, '-' or '_', got 'game eu'")]
    // Rule shape and required keys.
    [InlineData("relay { rules { game = 5 } }", "5", "relay.rules.game: expected a rule object { protocol = udp, listen = \"0.0.0.0:27015\", upstreams = [...] }, got '5'")]
    [InlineData("relay { rules = [] }", "[]", "relay.rules: expected an object keyed by rule name, as in rules { game { ... } }, got an array")]
    [InlineData("relay { rules { game { listen = \"0.0.0.0:1\", upstreams = [\"h:1\"] } } }", "game", "relay.rules.game.protocol: missing; set protocol = udp or protocol = tcp")]
    [InlineData("relay { rules { game { protocol = udp, upstreams = [\"h:1\"] } } }", "game", "relay.rules.game.listen: missing; set listen to an IP address and port such as \"0.0.0.0:27015\"")]
    [InlineData("relay { rules { game { protocol = udp, listen = \"0.0.0.0:1\" } } }", "game", "relay.rules.game.upstreams: missing; set upstreams = [\"host:port\", ...] with at least one upstream")]
    [InlineData("relay { rules { game { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [] } } }", "[]", "relay.rules.game.upstreams: a rule needs at least one upstream: \"host:port\" or { address = \"host:port\", weight = N }")]
    [InlineData("relay { rules { game { protocol = udpp, listen = \"0.0.0.0:1\", upstreams = [\"h:1\"] } } }", "udpp", "relay.rules.game.protocol: unknown value 'udpp'; did you mean 'udp'? allowed: udp, tcp")]
    [InlineData("relay { rules { web { protocol = tcp, listen = \"0.0.0.0:1\", upstreams = [\"h:1\"], health.check = udp-probe } } }", "udp-probe", "relay.rules.web.health.check: udp-probe checks udp upstreams; a tcp rule can use none or tcp-connect")]
    // Addresses and ports.
    [InlineData("relay.rules.game { protocol = udp, listen = \"localhost:27015\", upstreams = [\"h:1\"] }", "\"localhost", "relay.rules.game.listen: expected an IP address and port such as 0.0.0.0:27015 or [::]:27015, got 'localhost:27015' ('localhost' is not an IP address)")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"::1:7000\", upstreams = [\"h:1\"] }", "\"::1", "relay.rules.game.listen: expected an IP address and port such as 0.0.0.0:27015 or [::]:27015, got '::1:7000' (an IPv6 address needs brackets, as in [::1]:7000)")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0:70000\", upstreams = [\"h:1\"] }", "\"0.0.0.0", "relay.rules.game.listen: expected an IP address and port such as 0.0.0.0:27015 or [::]:27015, got '0.0.0.0:70000' (the port '70000' is not a number from 0 to 65535)")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"10.1:80\", upstreams = [\"h:1\"] }", "\"10.1", "relay.rules.game.listen: expected an IP address and port such as 0.0.0.0:27015 or [::]:27015, got '10.1:80' ('10.1' is not an IP address)")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0\", upstreams = [\"h:1\"] }", "\"0.0.0.0", "relay.rules.game.listen: expected an IP address and port such as 0.0.0.0:27015 or [::]:27015, got '0.0.0.0' (the port is missing)")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [\"10.0.0.11:0\"] }", "\"10.0", "relay.rules.game.upstreams[0]: expected host:port such as 10.0.0.11:27015, [2001:db8::11]:27015 or game-1.internal:27015, got '10.0.0.11:0' (the port '0' is not a number from 1 to 65535)")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [\"10.0.0.300:80\"] }", "\"10.0", "relay.rules.game.upstreams[0]: expected host:port such as 10.0.0.11:27015, [2001:db8::11]:27015 or game-1.internal:27015, got '10.0.0.300:80' ('10.0.0.300' is not a valid IPv4 address)")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [\"game_server!:80\"] }", "\"game", "relay.rules.game.upstreams[0]: expected host:port such as 10.0.0.11:27015, [2001:db8::11]:27015 or game-1.internal:27015, got 'game_server!:80' ('game_server!' is not an IPv4 address, a bracketed IPv6 address or a DNS name)")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [\"[10.0.0.1]:80\"] }", "\"[10", "relay.rules.game.upstreams[0]: expected host:port such as 10.0.0.11:27015, [2001:db8::11]:27015 or game-1.internal:27015, got '[10.0.0.1]:80' ('10.0.0.1' is not an IPv6 address)")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [\"h:1\", { address = \"h:2\", weight = 0 }] }", "0 }", "relay.rules.game.upstreams[1].weight: expected an integer from 1 to 10000, got '0'")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [{ address = \"h:2\", wieght = 2 }] }", "wieght", "relay.rules.game.upstreams[0].wieght: unknown key; did you mean 'weight'?")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [{ weight = 2 }] }", "{ weight", "relay.rules.game.upstreams[0].address: missing; an upstream object needs address = \"host:port\"")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [[\"h:1\"]] }", "[\"h", "relay.rules.game.upstreams[0]: expected \"host:port\" or { address = \"host:port\", weight = N }, got an array")]
    [InlineData("relay.rules.game { protocol = udp, listen = \"0.0.0.0:1\", upstreams = [\"h:1\", \"H:1\"] }", "\"H", "relay.rules.game.upstreams[1]: 'H:1' is listed twice; an upstream's address names it, so each may appear once (raise its weight instead)")]
    [InlineData("relay { node { admin { bind = \"0.0.0.0:9110\" } } }", "\"0.0.0.0", "relay.node.admin.bind: a non-loopback admin bind ('0.0.0.0:9110') requires relay.node.admin.token")]
    [InlineData("relay { node { listen-address = \"10.0.0\" } }", "\"10.0.0\"", "relay.node.listen-address: expected an IP address such as 10.0.0.5 or 2001:db8::5, got '10.0.0'")]
    // Networks, payloads, endpoints.
    [InlineData(Rule + ", access { deny = [\"203.0.113.0/33\"] } }", "\"203", "relay.rules.game.access.deny[0]: '203.0.113.0/33' has a prefix length that is not a number from 0 to 32")]
    [InlineData(Rule + ", access { allow = [\"10.0.0.1/8\"] } }", "\"10.0.0.1/8", "relay.rules.game.access.allow[0]: '10.0.0.1/8' has bits set past the /8 prefix; did you mean '10.0.0.0/8'?")]
    [InlineData(Rule + ", access { allow = [\"office\"] } }", "\"office", "relay.rules.game.access.allow[0]: 'office' is not an IPv4 or IPv6 address in CIDR notation such as 203.0.113.0/24")]
    [InlineData(Rule + ", health.udp-probe.send = \"hex:FFF\" }", "\"hex", "relay.rules.game.health.udp-probe.send: 'hex:FFF' has an odd number of hex digits; each byte is two digits; write text, or hex: and pairs of hex digits such as hex:FFFFFFFF")]
    [InlineData(Rule + ", health.udp-probe.expect = \"hex:FFZZ\" }", "\"hex", "relay.rules.game.health.udp-probe.expect: 'hex:FFZZ' has 'Z', which is not a hex digit (0-9, a-f); write text, or hex: and pairs of hex digits such as hex:FFFFFFFF")]
    public void Bind_OneMistake_ReportsItWithPositionAndMessage(string text, string marker, string message)
    {
        var error = ConfigText.SingleError(text);

        Assert.Equal($"{ConfigText.File}:1:{ConfigText.ColumnOf(text, marker)}: {message}", error.ToString());
    }
}
