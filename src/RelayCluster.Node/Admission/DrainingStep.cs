using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Admission;

/// <summary>Step 1 of admission: a rule that is draining (node leave, drain, shutdown) opens no new sessions.</summary>
internal sealed class DrainingStep
{
    /// <summary>The step's name in <see cref="AdmissionChain.StepNames"/>.</summary>
    public const string Name = "draining";

    private volatile bool _draining;

    /// <summary>False once the rule stopped opening sessions.</summary>
    public bool IsAccepting => !_draining;

    /// <summary>Stops admitting new sessions; sessions already open keep running.</summary>
    public void Drain() => _draining = true;

    /// <summary>Refuses with <see cref="DropReason.Draining"/> while draining.</summary>
    public DropReason? Check() => _draining ? DropReason.Draining : null;
}
