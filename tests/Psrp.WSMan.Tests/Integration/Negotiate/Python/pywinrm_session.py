"""pywinrm (Debian's python3-winrm 0.3.0), an independent WinRM client that has talked to real
Windows for years, driving a PowerShell shell on the test endpoint with message encryption:
Create (with the real creationXml of psrp-facts GV1), Receive, Delete, each envelope encrypted by
pywinrm and each answer decrypted by it.

argv: endpoint auth(ntlm|kerberos) user creation-b64-file; the password comes from PSRP_TEST_PASSWORD.
For Kerberos, Debian's pykerberos lacks authGSSWinRMEncryptMessage, so pywinrm's wrap/unwrap hooks
are filled with pykerberos's own authGSSClientWrapIov/UnwrapIov, which produce and accept the
Windows layout. Prints one line per step ('create ok', 'receive ok <types>', 'delete ok') or
'error: <type>: <message>'."""
import base64
import os
import struct
import sys
import uuid

import kerberos
from winrm.transport import Transport

endpoint, auth, user, creation_file = sys.argv[1:5]
password = os.environ.get("PSRP_TEST_PASSWORD", "")

if auth == "kerberos":
    # requests-kerberos looks for these two functions on the kerberos module; Debian's pykerberos
    # lacks them, so they are built from its Windows-layout iov wrap and unwrap.
    def encrypt_message(context, message):
        # The response is already WinRM's layout: a little-endian header length, header, data.
        kerberos.authGSSClientWrapIov(context, base64.b64encode(message).decode(), 1)
        wrapped = base64.b64decode(kerberos.authGSSClientResponse(context))
        header_length = struct.unpack("<I", wrapped[:4])[0]
        return wrapped[4 + header_length:], wrapped[4:4 + header_length]

    def decrypt_message(context, message, header):
        kerberos.authGSSClientUnwrapIov(context, base64.b64encode(struct.pack("<I", len(header)) + header + message).decode())
        return base64.b64decode(kerberos.authGSSClientResponse(context))

    kerberos.authGSSWinRMEncryptMessage = encrypt_message
    kerberos.authGSSWinRMDecryptMessage = decrypt_message

transport = Transport(endpoint=endpoint, username=user, password=password, auth_method=auth,
                      message_encryption="always", server_cert_validation="ignore", service="HTTP")
RESOURCE = "http://schemas.microsoft.com/powershell/Microsoft.PowerShell"
creation = open(creation_file).read().strip()

# The shell is the runspace pool: its id is the RPID inside the creationXml's first message.
shell_id = str(uuid.UUID(bytes_le=base64.b64decode(creation)[21 + 8:21 + 24])).upper()


def envelope(action, body, selector=True, options=""):
    selectors = ('<w:SelectorSet><w:Selector Name="ShellId">%s</w:Selector></w:SelectorSet>' % shell_id) if selector else ""
    return ('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" '
            'xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd" '
            'xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell"><s:Header>'
            '<a:To>%s</a:To><a:ReplyTo><a:Address s:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>'
            '<a:Action s:mustUnderstand="true">%s</a:Action><w:MaxEnvelopeSize s:mustUnderstand="true">153600</w:MaxEnvelopeSize>'
            '<a:MessageID>uuid:%s</a:MessageID><w:Locale xml:lang="en-US" s:mustUnderstand="false"/>'
            '<p:DataLocale xml:lang="en-US" s:mustUnderstand="false"/><w:OperationTimeout>PT20S</w:OperationTimeout>'
            '<w:ResourceURI s:mustUnderstand="true">%s</w:ResourceURI>%s%s</s:Header><s:Body>%s</s:Body></s:Envelope>'
            % (endpoint, action, str(uuid.uuid4()).upper(), RESOURCE, selectors, options, body))


try:
    create = envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Create",
                      '<rsp:Shell ShellId="%s"><rsp:InputStreams>stdin pr</rsp:InputStreams><rsp:OutputStreams>stdout</rsp:OutputStreams>'
                      '<creationXml xmlns="http://schemas.microsoft.com/powershell">%s</creationXml></rsp:Shell>' % (shell_id, creation),
                      selector=False,
                      options='<w:OptionSet s:mustUnderstand="true"><w:Option Name="protocolversion" MustComply="true">2.3</w:Option></w:OptionSet>')
    answer = transport.send_message(create)
    answer = answer.decode() if isinstance(answer, bytes) else answer
    print("create ok" if "ResourceCreated" in answer and shell_id in answer else "create unexpected: " + answer[:200])

    # Receive until RUNSPACEPOOL_STATE (0x00021005) arrives; print every PSRP message type seen.
    # An OperationTimeout fault only means "nothing yet".
    seen = []
    for _ in range(6):
        try:
            answer = transport.send_message(envelope("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive",
                                                     "<rsp:Receive><rsp:DesiredStream>stdout</rsp:DesiredStream></rsp:Receive>"))
        except Exception as error:
            if "2150858793" in str(getattr(error, "response_text", "")):
                continue
            raise
        answer = answer.decode() if isinstance(answer, bytes) else answer
        for chunk in answer.split('Name="stdout"')[1:]:
            data = base64.b64decode(chunk.split(">", 1)[1].split("<", 1)[0])
            at = 0
            while at + 21 <= len(data):
                length = struct.unpack(">I", data[at + 17:at + 21])[0]
                blob = data[at + 21:at + 21 + length]
                if data[at + 16] & 1 and len(blob) >= 8:
                    seen.append("%08X" % struct.unpack("<I", blob[4:8])[0])
                at += 21 + length
        if "00021005" in seen:
            break
    print("receive ok " + " ".join(seen))

    transport.send_message(envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete", ""))
    print("delete ok")
except Exception as error:  # the test reads the line; a traceback would hide it
    detail = getattr(error, "response_text", "") or ""
    print("error: %s: %s %s" % (type(error).__name__, str(error).replace("\n", " ")[:300], str(detail)[-600:].replace("\n", " ")))
