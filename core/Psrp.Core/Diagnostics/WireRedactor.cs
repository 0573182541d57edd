using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;
using Psrp.OutOfProc;
using Psrp.Transport;

namespace Psrp.Diagnostics;

/// <summary>
/// Removes secrets from recorded wire units before they are written anywhere: SecureString text and
/// session keys inside out-of-proc Data packets and WSMan stream elements (kept at their length, so
/// the trace still decodes), and <c>Authorization</c> headers of WSMan requests. One instance per
/// trace: it follows each (direction, channel, stream) fragment stream across packets. Not thread-safe.
/// </summary>
public sealed partial class WireRedactor
{
    private readonly Dictionary<(WireDirection, string, PsrpStreamKind), FragmentStreamRedactor> _streams = [];

    /// <summary>Returns <paramref name="line"/> (one out-of-proc packet) with secrets blanked; other lines as they are.</summary>
    public string RedactPacket(WireDirection direction, ReadOnlySpan<byte> line)
    {
        try
        {
            var packet = OutOfProcPacketCodec.Parse(line);
            if (packet.Kind != OutOfProcPacketKind.Data)
            {
                return Encoding.UTF8.GetString(line);
            }

            var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(packet.Base64Payload.Length)];
            if (Base64.DecodeFromUtf8(packet.Base64Payload, bytes, out _, out var written) != OperationStatus.Done)
            {
                return Encoding.UTF8.GetString(line);
            }

            Stream(direction, packet.PsGuid.ToString(), packet.Stream).Redact(bytes.AsSpan(0, written));
            var text = Encoding.UTF8.GetString(line);
            var start = text.IndexOf('>', StringComparison.Ordinal) + 1;
            var end = text.LastIndexOf("</Data>", StringComparison.Ordinal);
            return string.Concat(text.AsSpan(0, start), Convert.ToBase64String(bytes, 0, written), text.AsSpan(end));
        }
        catch (PsrpProtocolException)
        {
            // Not a packet (an error line, garbage): nothing of ours to find in it.
            return Encoding.UTF8.GetString(line);
        }
    }

    /// <summary>Returns a text unit (a WSMan request or response) with credentials and secrets blanked.</summary>
    public string RedactText(WireDirection direction, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = AuthorizationHeader().Replace(text, "${name}: <redacted>");
        return WsmanStreams.Base64Element().Replace(text, match =>
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(match.Groups["b64"].Value);
            }
            catch (FormatException)
            {
                return match.Value;
            }

            var channel = WsmanStreams.Channel(match.Groups["attrs"].Value);
            var stream = WsmanStreams.StreamKind(match.Groups["attrs"].Value);
            Stream(direction, channel, stream).Redact(bytes);
            var b64 = match.Groups["b64"];
            return string.Concat(match.Value.AsSpan(0, b64.Index - match.Index), Convert.ToBase64String(bytes), match.Value.AsSpan(b64.Index - match.Index + b64.Length));
        });
    }

    private FragmentStreamRedactor Stream(WireDirection direction, string channel, PsrpStreamKind stream)
    {
        var key = (direction, channel, stream);
        if (!_streams.TryGetValue(key, out var redactor))
        {
            redactor = new FragmentStreamRedactor();
            _streams[key] = redactor;
        }

        return redactor;
    }

    // Any scheme (Basic, Negotiate, Kerberos tokens): the whole value goes.
    [GeneratedRegex(@"^(?<name>(?:Proxy-)?Authorization)[ \t]*:[^\r\n]*", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationHeader();
}
