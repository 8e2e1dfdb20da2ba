using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Hosting;

/// <summary>Derives the node's session budget from its open-file limit and warns where configured caps exceed it.</summary>
internal static class SessionBudgets
{
    /// <summary>Raises the open-file limit as far as allowed and returns the budget it leaves for sessions.</summary>
    public static SessionBudget Create(RelayConfig config, ILogger logger)
    {
        var limit = FileDescriptorLimit.RaiseToHardLimit();
        var budget = new SessionBudget(FileDescriptorLimit.SessionBudget(limit));
        long wanted = 0;
        foreach (var rule in config.Rules)
        {
            var perSession = rule.Protocol == RuleProtocol.Tcp ? 2 : 1;
            wanted += (long)rule.Session.Max * perSession;
            if ((long)rule.Session.Max * perSession > budget.Capacity)
            {
                Log.SessionCapLowered(logger, rule.Name, rule.Session.Max, budget.Capacity / perSession);
            }
        }

        if (limit is { } soft && wanted > budget.Capacity)
        {
            Log.DescriptorBudget(logger, soft, budget.Capacity);
        }

        return budget;
    }
}
