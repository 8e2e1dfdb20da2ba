Console.WriteLine("relay-bench");
