Console.WriteLine("relay-node");
