Console.WriteLine("relayctl");
