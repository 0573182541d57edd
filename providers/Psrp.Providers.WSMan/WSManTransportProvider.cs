using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Psrp.Transport;

namespace Psrp.Providers.WSMan;

/// <summary>
/// PowerShell over WS-Management (WinRM's protocol), HTTP and HTTPS: Enter-PSSession's
/// <c>-ComputerName</c> and <c>-ConnectionUri</c> parameter sets, and <c>http://</c> / <c>https://</c> targets.
/// Authentication: Basic (HTTPS, or HTTP when explicitly allowed) and client certificates.
/// </summary>
/// <remarks>
/// Connecting does no I/O: the first request is the shell's Create, which carries the pool's
/// opening fragments, so a session costs no round trip before it. Library users who want the
/// options without Enter-PSSession's parameters call <see cref="Connect"/>.
/// </remarks>
[ExportTransportProvider(Name, Schemes = ["http", "https"], Description = "PowerShell over WS-Management (WinRM protocol), HTTP/HTTPS, Basic and certificate authentication")]
public sealed class WSManTransportProvider : ITransportProvider
{
    /// <summary>The provider name, used in errors.</summary>
    public const string Name = "wsman";

    /// <inheritdoc />
    public ValueTask<IPsrpTransport> ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var logger = request.LoggerFactory.CreateLogger<WSManTransportProvider>();
        var options = WSManSessionParameters.Map(request, logger);
        return ValueTask.FromResult<IPsrpTransport>(Connect(options, request.LoggerFactory));
    }

    /// <summary>A transport for <paramref name="options"/>; the shell is created when a pool opens on it.</summary>
    public static WSManTransport Connect(WSManConnectionOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<WSManTransport>();
        try
        {
            return new WSManTransport(options, logger);
        }
        catch (ArgumentException ex) when (ex is not SessionParameterException)
        {
            throw new SessionParameterException(ex.Message);
        }
    }
}
