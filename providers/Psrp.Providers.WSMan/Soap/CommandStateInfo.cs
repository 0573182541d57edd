namespace Psrp.Providers.WSMan.Soap;

/// <summary>The <c>rsp:CommandState</c> of a ReceiveResponse.</summary>
/// <param name="CommandId">The command.</param>
/// <param name="State">The state URI (…/CommandState/Done, Running, Pending).</param>
/// <param name="ExitCode">The exit code, when the command is done.</param>
internal sealed record CommandStateInfo(Guid? CommandId, string State, long? ExitCode)
{
    /// <summary>True when the command finished.</summary>
    public bool IsDone => State == WSManActions.CommandStateDone;
}
