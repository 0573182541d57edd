using System.Globalization;
using System.Xml;

namespace Psrp.Providers.WSMan.Soap;

/// <summary>
/// The request envelopes of the shell operations PSRP uses (psrp-facts §10.4): Create with the
/// opening fragments in <c>creationXml</c>, Command with CREATE_PIPELINE in <c>rsp:Arguments</c>,
/// Send, Receive, Signal and Delete. ShellId and CommandId are upper-case GUIDs, as WinRM compares
/// them case-sensitively.
/// </summary>
internal static class ShellRequests
{
    /// <summary>Slack for base64 and element text when sizing an envelope around a payload.</summary>
    private const int Slack = 1024;

    public static string Id(Guid id) => id.ToString("D").ToUpperInvariant();

    /// <summary>Create: opens the shell (the runspace pool) carrying its first fragments.</summary>
    public static (byte[] Envelope, Guid MessageId) Create(WSManRequestContext context, Guid shellId, string protocolVersion, TimeSpan? idleTimeout, ReadOnlyMemory<byte> creationFragments, TimeSpan operationTimeout) =>
        EnvelopeWriter.Write(
            context,
            WSManActions.Create,
            shellId: null,
            [new WSManOption("protocolversion", protocolVersion, MustComply: true)],
            w =>
            {
                w.WriteStartElement("rsp", "Shell", WSManNamespaces.Shell);
                w.WriteAttributeString("ShellId", Id(shellId));
                w.WriteElementString("rsp", "InputStreams", WSManNamespaces.Shell, "stdin pr");
                w.WriteElementString("rsp", "OutputStreams", WSManNamespaces.Shell, "stdout");
                if (idleTimeout is { } idle)
                {
                    w.WriteElementString("rsp", "IdleTimeOut", WSManNamespaces.Shell, WSManRequestContext.Duration(idle));
                }

                w.WriteStartElement("creationXml", WSManNamespaces.PowerShell);
                WriteBase64(w, creationFragments);
                w.WriteEndElement();
                w.WriteEndElement();
            },
            operationTimeout,
            Capacity(creationFragments.Length));

    /// <summary>Command: creates a pipeline; <paramref name="arguments"/> carries its first CREATE_PIPELINE fragments.</summary>
    public static (byte[] Envelope, Guid MessageId) Command(WSManRequestContext context, string shellId, Guid commandId, ReadOnlyMemory<byte> arguments) =>
        EnvelopeWriter.Write(
            context,
            WSManActions.Command,
            shellId,
            [new WSManOption("WINRS_SKIP_CMD_SHELL", "False")],
            w =>
            {
                w.WriteStartElement("rsp", "CommandLine", WSManNamespaces.Shell);
                w.WriteAttributeString("CommandId", Id(commandId));

                // PowerShell's client passes a blank command; the server reads the pipeline from Arguments.
                w.WriteElementString("rsp", "Command", WSManNamespaces.Shell, " ");
                w.WriteStartElement("rsp", "Arguments", WSManNamespaces.Shell);
                WriteBase64(w, arguments);
                w.WriteEndElement();
                w.WriteEndElement();
            },
            initialCapacity: Capacity(arguments.Length));

    /// <summary>Send: fragments on <c>stdin</c> or <c>pr</c> (host responses), to the shell or a command.</summary>
    public static (byte[] Envelope, Guid MessageId) Send(WSManRequestContext context, string shellId, Guid? commandId, string streamName, ReadOnlyMemory<byte> payload) =>
        EnvelopeWriter.Write(
            context,
            WSManActions.Send,
            shellId,
            options: null,
            w =>
            {
                w.WriteStartElement("rsp", "Send", WSManNamespaces.Shell);
                w.WriteStartElement("rsp", "Stream", WSManNamespaces.Shell);
                w.WriteAttributeString("Name", streamName);
                if (commandId is { } id)
                {
                    w.WriteAttributeString("CommandId", Id(id));
                }

                WriteBase64(w, payload);
                w.WriteEndElement();
                w.WriteEndElement();
            },
            initialCapacity: Capacity(payload.Length));

    /// <summary>Receive: asks for <c>stdout</c> of the shell or of one command; the server holds it until data or the operation timeout.</summary>
    public static (byte[] Envelope, Guid MessageId) Receive(WSManRequestContext context, string shellId, Guid? commandId) =>
        EnvelopeWriter.Write(
            context,
            WSManActions.Receive,
            shellId,
            [new WSManOption("WSMAN_CMDSHELL_OPTION_KEEPALIVE", "True")],
            w =>
            {
                w.WriteStartElement("rsp", "Receive", WSManNamespaces.Shell);
                w.WriteStartElement("rsp", "DesiredStream", WSManNamespaces.Shell);
                if (commandId is { } id)
                {
                    w.WriteAttributeString("CommandId", Id(id));
                }

                w.WriteString("stdout");
                w.WriteEndElement();
                w.WriteEndElement();
            });

    /// <summary>Signal: <see cref="WSManActions.PowerShellStopSignal"/> stops a command, <see cref="WSManActions.TerminateSignal"/> ends it.</summary>
    public static (byte[] Envelope, Guid MessageId) Signal(WSManRequestContext context, string shellId, Guid commandId, string code, TimeSpan operationTimeout) =>
        EnvelopeWriter.Write(
            context,
            WSManActions.Signal,
            shellId,
            options: null,
            w =>
            {
                w.WriteStartElement("rsp", "Signal", WSManNamespaces.Shell);
                w.WriteAttributeString("CommandId", Id(commandId));
                w.WriteElementString("rsp", "Code", WSManNamespaces.Shell, code);
                w.WriteEndElement();
            },
            operationTimeout);

    /// <summary>Delete: closes the shell.</summary>
    public static (byte[] Envelope, Guid MessageId) Delete(WSManRequestContext context, string shellId, TimeSpan operationTimeout) =>
        EnvelopeWriter.Write(context, WSManActions.Delete, shellId, options: null, body: null, operationTimeout);

    /// <summary>
    /// The most fragment bytes one Send may carry so the envelope stays within
    /// <paramref name="maxEnvelopeSize"/>: the room left beside an empty Send, less slack, times 3/4
    /// for base64 (pypsrp's sizing, psrp-facts §1.2).
    /// </summary>
    public static int MaxPayload(WSManRequestContext context, int maxEnvelopeSize)
    {
        var sized = context with { MaxEnvelopeSize = maxEnvelopeSize };
        var skeleton = Send(sized, Id(Guid.Empty), Guid.Empty, "stdin", ReadOnlyMemory<byte>.Empty).Envelope.Length;
        var room = maxEnvelopeSize - skeleton - 256;
        return room * 3 / 4;
    }

    private static int Capacity(int payload) => (payload / 3 * 4) + Slack + 1024;

    private static void WriteBase64(XmlWriter w, ReadOnlyMemory<byte> bytes)
    {
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment))
        {
            w.WriteBase64(segment.Array!, segment.Offset, segment.Count);
        }
        else
        {
            var copy = bytes.ToArray();
            w.WriteBase64(copy, 0, copy.Length);
        }
    }

    /// <summary>For messages: the name of a pipeline channel.</summary>
    public static string Describe(Guid? commandId) =>
        commandId is { } id ? string.Create(CultureInfo.InvariantCulture, $"command {Id(id)}") : "shell";
}
