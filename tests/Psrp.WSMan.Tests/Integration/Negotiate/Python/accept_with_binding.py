"""A GSSAPI acceptor (python3-gssapi over MIT krb5) that checks the channel binding of one
Kerberos token: argv[1] is the base64 token, argv[2] the server certificate (DER), argv[3] 'right'
or 'wrong' binding. The expected binding is computed here, independently of the client: RFC 5929
tls-server-end-point, SHA-256 of the certificate. Prints 'accepted' or 'refused: <reason>'."""
import base64
import hashlib
import sys

import gssapi
import gssapi.raw

token = base64.b64decode(sys.argv[1])
der = open(sys.argv[2], "rb").read()
digest = hashlib.sha256(der).digest()
if sys.argv[3] == "wrong":
    digest = bytes(32)
bindings = gssapi.raw.ChannelBindings(application_data=b"tls-server-end-point:" + digest)
context = gssapi.SecurityContext(usage="accept", channel_bindings=bindings)
try:
    context.step(token)
    print("accepted" if context.complete else "incomplete")
except gssapi.exceptions.GSSError as error:
    print("refused: " + str(error).replace("\n", " "))
