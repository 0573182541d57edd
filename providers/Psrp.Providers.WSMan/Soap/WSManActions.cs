namespace Psrp.Providers.WSMan.Soap;

/// <summary>The <c>wsa:Action</c> URIs and shell constants PSRP uses (psrp-facts §10.4).</summary>
internal static class WSManActions
{
    public const string Create = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create";
    public const string CreateResponse = "http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse";
    public const string Delete = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete";
    public const string DeleteResponse = "http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse";
    public const string Command = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command";
    public const string CommandResponse = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandResponse";
    public const string Send = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send";
    public const string SendResponse = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SendResponse";
    public const string Receive = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive";
    public const string ReceiveResponse = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse";
    public const string Signal = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal";
    public const string SignalResponse = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SignalResponse";

    /// <summary>PowerShell's stop code, with its transposed letters (PS-wsm <c>StopSignal</c>; psrp-facts §10.4).</summary>
    public const string PowerShellStopSignal = "powershell/signal/crtl_c";

    /// <summary>Ends a command on the server.</summary>
    public const string TerminateSignal = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate";

    /// <summary>The CommandState a finished command reports.</summary>
    public const string CommandStateDone = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done";

    /// <summary>The resource URI prefix of PowerShell session configurations.</summary>
    public const string PowerShellResourcePrefix = "http://schemas.microsoft.com/powershell/";

    /// <summary>The ERROR_WSMAN_OPERATION_TIMEDOUT WSManFault code: a Receive found no data in time.</summary>
    public const uint OperationTimedOutCode = 2150858793;

    /// <summary>The SOAP fault subcode of an operation timeout.</summary>
    public const string TimedOutSubcode = "TimedOut";
}
