namespace Psrp.WSMan.Endpoint.Soap;

/// <summary>The <c>wsa:Action</c> URIs of the shell operations (psrp-facts §10.4) and their responses.</summary>
public static class WSManActions
{
    /// <summary>WS-Transfer Create (open a shell = a runspace pool).</summary>
    public const string Create = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create";

    /// <summary>Answer to <see cref="Create"/>.</summary>
    public const string CreateResponse = "http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse";

    /// <summary>WS-Transfer Delete (close the shell).</summary>
    public const string Delete = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete";

    /// <summary>Answer to <see cref="Delete"/>.</summary>
    public const string DeleteResponse = "http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse";

    /// <summary>Start a command (a pipeline).</summary>
    public const string Command = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command";

    /// <summary>Answer to <see cref="Command"/>.</summary>
    public const string CommandResponse = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandResponse";

    /// <summary>Send input (stdin) or host responses (pr).</summary>
    public const string Send = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send";

    /// <summary>Answer to <see cref="Send"/>.</summary>
    public const string SendResponse = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SendResponse";

    /// <summary>Receive output of the shell or of a command.</summary>
    public const string Receive = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive";

    /// <summary>Answer to <see cref="Receive"/>.</summary>
    public const string ReceiveResponse = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse";

    /// <summary>Signal a command (stop, terminate).</summary>
    public const string Signal = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal";

    /// <summary>Answer to <see cref="Signal"/>.</summary>
    public const string SignalResponse = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SignalResponse";

    /// <summary>The action of every fault WinRM sends.</summary>
    public const string Fault = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";

    /// <summary>PowerShell's stop signal (the letters are transposed on purpose, as PowerShell and MS-PSRP spell it).</summary>
    public const string PowerShellStopSignal = "powershell/signal/crtl_c";

    /// <summary>The terminate signal (close a command).</summary>
    public const string TerminateSignal = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate";

    /// <summary>The state URI of a finished command.</summary>
    public const string CommandStateDone = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done";
}
