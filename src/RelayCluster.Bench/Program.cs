using System.CommandLine;
using RelayCluster.Bench.Common;
using RelayCluster.Bench.Tcp;
using RelayCluster.Bench.Udp;

var root = new RootCommand("relay-bench: echo upstreams and closed-loop load generators for testing a relay, like iperf.")
{
    UdpEchoCommand.Create(),
    UdpLoadCommand.Create(),
    UdpPingCommand.Create(),
    TcpEchoCommand.Create(),
    TcpLoadCommand.Create(),
    TcpPingCommand.Create(),
    FreePortCommand.Create(),
};

using var termination = new Termination();
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await root.Parse(args).InvokeAsync(invocation, termination.Token);
