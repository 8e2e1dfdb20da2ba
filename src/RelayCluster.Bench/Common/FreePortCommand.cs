using System.CommandLine;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Bench.Common;

/// <summary><c>free-port</c>: prints ports that are free for both UDP and TCP, for scripts that write configs.</summary>
internal static class FreePortCommand
{
    public static Command Create()
    {
        var count = BenchOptions.Count("--count", "How many distinct ports to print, one per line.", 1, 1, 1000);
        var address = new Option<IPAddress>("--address")
        {
            Description = "Address the ports must be free on.",
            DefaultValueFactory = _ => IPAddress.Loopback,
            CustomParser = result => IPAddress.TryParse(result.Tokens[0].Value, out var parsed) ? parsed : IPAddress.Loopback,
        };
        var command = new Command("free-port", "Print ports that are currently free for both UDP and TCP.")
        {
            count,
            address,
        };
        command.SetAction(result =>
        {
            foreach (var port in FindFreePorts(result.GetRequiredValue(address), result.GetValue(count)))
            {
                Console.Out.WriteLine(port);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Holds every candidate open until all are found, so the ports printed are distinct.</summary>
    public static IReadOnlyList<int> FindFreePorts(IPAddress address, int count)
    {
        var held = new List<Socket>();
        var ports = new List<int>();
        try
        {
            while (ports.Count < count)
            {
                var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                held.Add(tcp);
                tcp.Bind(new IPEndPoint(address, 0));
                var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
                var udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                held.Add(udp);
                try
                {
                    udp.Bind(new IPEndPoint(address, port));
                    ports.Add(port);
                }
                catch (SocketException)
                {
                    // Taken for UDP; the TCP socket stays held so the kernel offers another port next time.
                }
            }

            return ports;
        }
        finally
        {
            foreach (var socket in held)
            {
                socket.Dispose();
            }
        }
    }
}
