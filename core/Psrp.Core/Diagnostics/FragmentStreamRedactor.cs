using System.Buffers.Binary;
using Psrp.Fragments;
using Psrp.Messages;

namespace Psrp.Diagnostics;

/// <summary>
/// Blanks secrets in one direction of one (channel, stream) fragment byte stream, in place and
/// without changing a length, so the redacted bytes still decode as the same fragments and messages:
/// the text of every <c>&lt;SS&gt;</c> (SecureString) element becomes <c>*</c>, and so does all element
/// text of the session-key messages (PUBLIC_KEY, ENCRYPTED_SESSION_KEY). Input may be cut anywhere
/// (a fragment split across packets, a tag split across fragments); headers pass untouched.
/// </summary>
internal sealed class FragmentStreamRedactor
{
    private readonly byte[] _fragmentHeader = new byte[FragmentHeader.Size];
    private readonly byte[] _messageHeader = new byte[PsrpMessage.HeaderSize];
    private int _fragmentHeaderFill;
    private long _blobRemaining;
    private int _messageHeaderFill;
    private bool _keyMessage;
    private XmlState _xml;
    private int _tagMatch;

    private enum XmlState
    {
        Text,
        TagName,
        InSecretTag,
        Secret,
    }

    /// <summary>Redacts <paramref name="data"/>, the next bytes of the stream, in place.</summary>
    public void Redact(Span<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_blobRemaining == 0)
            {
                var take = Math.Min(FragmentHeader.Size - _fragmentHeaderFill, data.Length);
                data[..take].CopyTo(_fragmentHeader.AsSpan(_fragmentHeaderFill));
                _fragmentHeaderFill += take;
                data = data[take..];
                if (_fragmentHeaderFill < FragmentHeader.Size)
                {
                    return;
                }

                _fragmentHeaderFill = 0;
                FragmentHeader.TryRead(_fragmentHeader, out var header);
                _blobRemaining = header.BlobLength & int.MaxValue;
                if (header.IsStart)
                {
                    _messageHeaderFill = 0;
                    _keyMessage = false;
                    _xml = XmlState.Text;
                }

                continue;
            }

            var blob = data[..(int)Math.Min(_blobRemaining, data.Length)];
            _blobRemaining -= blob.Length;
            data = data[blob.Length..];
            RedactMessageBytes(blob);
        }
    }

    private void RedactMessageBytes(Span<byte> bytes)
    {
        if (_messageHeaderFill < PsrpMessage.HeaderSize)
        {
            var take = Math.Min(PsrpMessage.HeaderSize - _messageHeaderFill, bytes.Length);
            bytes[..take].CopyTo(_messageHeader.AsSpan(_messageHeaderFill));
            _messageHeaderFill += take;
            bytes = bytes[take..];
            if (_messageHeaderFill == PsrpMessage.HeaderSize)
            {
                var type = (MessageType)BinaryPrimitives.ReadUInt32LittleEndian(_messageHeader.AsSpan(4));
                _keyMessage = type is MessageType.PublicKey or MessageType.EncryptedSessionKey;
            }
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (_keyMessage)
            {
                // Every text node: between '>' and the next '<'.
                if (bytes[i] == (byte)'<')
                {
                    _xml = XmlState.TagName;
                }
                else if (bytes[i] == (byte)'>')
                {
                    _xml = XmlState.Secret;
                }
                else if (_xml == XmlState.Secret)
                {
                    bytes[i] = (byte)'*';
                }

                continue;
            }

            Step(ref bytes[i]);
        }
    }

    /// <summary>One byte of the SecureString scanner: finds <c>&lt;SS&gt;</c> or <c>&lt;SS N="…"&gt;</c> and blanks up to the next <c>&lt;</c>.</summary>
    private void Step(ref byte b)
    {
        switch (_xml)
        {
            case XmlState.Text:
                if (b == (byte)'<')
                {
                    _xml = XmlState.TagName;
                    _tagMatch = 0;
                }

                break;
            case XmlState.TagName:
                if (_tagMatch < 2)
                {
                    if (b == (byte)'S')
                    {
                        _tagMatch++;
                    }
                    else
                    {
                        _xml = b == (byte)'<' ? XmlState.TagName : XmlState.Text;
                        _tagMatch = 0;
                    }
                }
                else if (b == (byte)'>')
                {
                    _xml = XmlState.Secret;
                }
                else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    _xml = XmlState.InSecretTag;
                }
                else
                {
                    // <SS/>, or a longer name such as <SSx>: no secret text follows.
                    _xml = XmlState.Text;
                }

                break;
            case XmlState.InSecretTag:
                if (b == (byte)'>')
                {
                    _xml = _tagMatch == 3 ? XmlState.Text : XmlState.Secret;
                }
                else
                {
                    // Remember a '/' right before '>' (a self-closing <SS N="x" />).
                    _tagMatch = b == (byte)'/' ? 3 : 2;
                }

                break;
            case XmlState.Secret:
                if (b == (byte)'<')
                {
                    _xml = XmlState.TagName;
                    _tagMatch = 0;
                }
                else
                {
                    b = (byte)'*';
                }

                break;
        }
    }
}
