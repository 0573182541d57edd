using System.Net;
using Psrp.Transport;

namespace Psrp.Providers.WSMan;

/// <summary>
/// The HTTP exchange failed without a SOAP fault: a status such as 401 (credentials refused),
/// 404 (no WS-Management listener at that path) or a redirect that was not allowed.
/// </summary>
public sealed class WSManHttpException : PsrpTransportException
{
    /// <summary>Creates the exception.</summary>
    public WSManHttpException(TransportPhase phase, HttpStatusCode statusCode, string message, Exception? innerException = null)
        : base(WSManTransportProvider.Name, phase, message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the server answered with.</summary>
    public HttpStatusCode StatusCode { get; }
}
