using System.Buffers;
using System.Text;

namespace Psrp.Providers.Container;

/// <summary>
/// Holds the server's stdout back until its first line is complete and tells whether it is the
/// remoting protocol. A PowerShell server's first line is a packet (<c>&lt;…</c>) or an error line
/// (<c>__NamedPipeError__:…</c>). Anything else comes from somewhere else — typically the engine,
/// which writes an exec that could not start ("OCI runtime exec failed: … executable file not
/// found") onto the exec's stdout — and deserves to be shown whole, not as a garbled packet.
/// </summary>
internal sealed class FirstLineCheck
{
    /// <summary>Past this many bytes without a line end, the verdict is taken on what arrived.</summary>
    public const int MaxHeld = 4096;

    private readonly ArrayBufferWriter<byte> _held = new(256);

    /// <summary>The verdict so far.</summary>
    public enum Verdict
    {
        /// <summary>No complete non-blank line yet.</summary>
        Pending,

        /// <summary>The first line is the protocol: forward <see cref="Held"/> and stop checking.</summary>
        Protocol,

        /// <summary>The first line is something else: <see cref="Text"/> says what.</summary>
        NotProtocol,
    }

    /// <summary>The bytes held back so far.</summary>
    public ReadOnlyMemory<byte> Held => _held.WrittenMemory;

    /// <summary>The held bytes as text, for the error message.</summary>
    public string Text => Encoding.UTF8.GetString(_held.WrittenSpan).Trim();

    /// <summary>Adds stdout bytes and returns the verdict.</summary>
    public Verdict Add(ReadOnlySpan<byte> bytes)
    {
        _held.Write(bytes);
        return Judge(atEnd: false);
    }

    /// <summary>The verdict once stdout has ended: whatever arrived is all there will be.</summary>
    public Verdict Judge(bool atEnd)
    {
        var held = _held.WrittenSpan;
        var start = held.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            return atEnd ? Verdict.Protocol : Verdict.Pending;
        }

        var line = held[start..];
        var end = line.IndexOf((byte)'\n');
        if (end < 0 && !atEnd && held.Length < MaxHeld)
        {
            // A partial line that already starts like the protocol needs no more waiting.
            return line[0] == (byte)'<' || line.StartsWith("__"u8) ? Verdict.Protocol : Verdict.Pending;
        }

        return line[0] == (byte)'<' || line.StartsWith("__"u8) ? Verdict.Protocol : Verdict.NotProtocol;
    }
}
