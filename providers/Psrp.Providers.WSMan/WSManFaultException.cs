using Psrp.Providers.WSMan.Soap;
using Psrp.Transport;

namespace Psrp.Providers.WSMan;

/// <summary>
/// The WS-Management service answered with a SOAP fault. Carries the fault's SOAP code and subcode
/// (e.g. <c>w:AccessDenied</c>, <c>w:InvalidSelectors</c>, <c>w:QuotaLimit</c>), the WSManFault
/// code (a Windows error number such as 5 or 2150858793), the machine that raised it and its message.
/// </summary>
public sealed class WSManFaultException : PsrpTransportException
{
    /// <summary>Creates the exception for <paramref name="fault"/> met while doing <paramref name="operation"/>.</summary>
    public WSManFaultException(TransportPhase phase, string operation, WSManFault fault)
        : base(WSManTransportProvider.Name, phase, Describe(operation, fault))
    {
        ArgumentNullException.ThrowIfNull(fault);
        Fault = fault;
        Operation = operation;
    }

    /// <summary>The whole fault.</summary>
    public WSManFault Fault { get; }

    /// <summary>The WS-Management operation that failed (Create, Command, Send, Receive, Signal, Delete).</summary>
    public string Operation { get; }

    /// <summary>The SOAP fault subcode (else code), qualified as sent, e.g. <c>w:AccessDenied</c>.</summary>
    public string FaultCode => Fault.Subcode ?? Fault.Code;

    /// <summary>The WSManFault code, when the server sent one (e.g. 5 for access denied).</summary>
    public uint? WSManCode => Fault.WSManCode;

    /// <summary>The machine named in the fault, when present.</summary>
    public string? Machine => Fault.Machine;

    /// <summary>The fault's message.</summary>
    public string FaultMessage => Fault.Message;

    private static string Describe(string operation, WSManFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var code = fault.WSManCode is { } c ? $" (WSManFault code {c}, 0x{c:X8})" : string.Empty;
        var machine = fault.Machine is { Length: > 0 } m ? $" on {m}" : string.Empty;
        return $"the WS-Management service{machine} answered {operation} with fault {fault.Subcode ?? fault.Code}{code}: {fault.Message}";
    }
}
