using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using Psrp.Diagnostics;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Providers.WSMan.Soap;
using Psrp.Transport;

namespace Psrp.Providers.WSMan.Http;

/// <summary>
/// Posts envelopes to one WS-Management endpoint and returns parsed responses: authentication,
/// TLS checks, redirects (only when allowed, bounded, never HTTPS to HTTP), the <c>wsa:RelatesTo</c>
/// check, faults as <see cref="WSManFaultException"/> and HTTP errors as <see cref="WSManHttpException"/>.
/// Each request may take its own connection, so a pending Receive never blocks a Send. With a
/// connection-bound scheme (Negotiate, Kerberos, NTLM) every connection is a <see cref="WSManConnection"/>
/// lent to one request at a time with its own security context (the handshake is in
/// <c>WSManClient.Handshake.cs</c>); over HTTP its envelopes are sealed (<see cref="EncryptedSoapBody"/>).
/// </summary>
internal sealed partial class WSManClient : IDisposable
{
    private const int ResponseSlack = 64 * 1024;

    // Idle authenticated connections kept for reuse; more are closed when returned.
    private const int MaxIdleConnections = 8;

    private readonly WSManConnectionOptions _options;
    private readonly WSManAuthentication? _authentication;
    private readonly NegotiateSchemeAuthentication? _negotiate;
    private readonly ILogger _logger;
    private readonly WSManConnection? _shared;
    private readonly ConcurrentBag<WSManConnection> _idle = [];
    private readonly ConcurrentDictionary<WSManConnection, byte> _all = new();
    private Uri _endpoint;
    private int _disposed;

    public WSManClient(WSManConnectionOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _endpoint = options.Endpoint;
        _authentication = options.Authentication;
        _negotiate = _authentication as NegotiateSchemeAuthentication;
        if (_authentication is not { BindsToConnection: true })
        {
            _shared = NewConnection(exclusive: false);
        }
    }

    /// <summary>Wire counters for this endpoint.</summary>
    public WSManTrafficStatistics Statistics { get; } = new();

    /// <summary>The endpoint requests go to now (changes when a redirect was followed).</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>
    /// Sends one operation and returns its response. <paramref name="build"/> renders the envelope for
    /// the endpoint it goes to (again after a redirect). Throws <see cref="WSManFaultException"/> for a
    /// fault; <paramref name="timeout"/> bounds the whole exchange.
    /// </summary>
    public async Task<WSManResponse> SendAsync(
        string operation,
        Func<Uri, (byte[] Envelope, Guid MessageId)> build,
        TimeSpan timeout,
        TransportPhase phase,
        int maxResponseSize,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var connection = Acquire();
        try
        {
            var redirects = 0;
            var reauthenticated = false;
            while (true)
            {
                var endpoint = _endpoint;
                if (connection.Exclusive && connection.Security is null)
                {
                    await AuthenticateAsync(connection, endpoint, operation, phase, timeout, cancellationToken, deadline.Token).ConfigureAwait(false);
                }

                var (envelope, messageId) = build(endpoint);
                var body = BodyFor(connection, endpoint, phase);
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = body.Wrap(envelope) };
                if (_authentication is { BindsToConnection: false })
                {
                    await _authentication.AuthorizeAsync(request, deadline.Token).ConfigureAwait(false);
                }

                Record(request, envelope);
                var response = await SendAsync(connection, request, operation, endpoint, phase, timeout, cancellationToken, deadline.Token).ConfigureAwait(false);
                using (response)
                {
                    Statistics.CountRoundTrip(operation);
                    if (IsRedirect(response.StatusCode) || response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        // These are answered without reading a body; the trace still shows them.
                        Record(response, null);
                    }

                    if (IsRedirect(response.StatusCode))
                    {
                        _endpoint = FollowRedirect(response, endpoint, ++redirects, phase);

                        // Another server (or port) knows nothing of this context or certificate.
                        connection.Forget();
                        connection.ServerCertificate = null;
                        continue;
                    }

                    if (response.StatusCode == HttpStatusCode.Unauthorized && connection.Security is not null && !reauthenticated)
                    {
                        // The server no longer knows the context: the pooled connection was closed and
                        // replaced, or the server expired it. Authenticate the new one and send again
                        // (a 401 means the request was not processed).
                        _logger.LogDebug("WSMan: {Operation} to {Endpoint} was answered 401 on an authenticated connection; authenticating again.", operation, Describe(endpoint));
                        connection.Forget();
                        reauthenticated = true;
                        continue;
                    }

                    return await ReadResponseAsync(response, body, operation, messageId, endpoint, phase, maxResponseSize, timeout, cancellationToken, deadline.Token).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Release(connection);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(WSManConnection connection, HttpRequestMessage request, string operation, Uri endpoint, TransportPhase phase, TimeSpan timeout, CancellationToken callerToken, CancellationToken token)
    {
        try
        {
            return await connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
        {
            throw new PsrpTransportException(WSManTransportProvider.Name, phase, $"{operation} to {Describe(endpoint)} got no answer within {timeout.TotalSeconds:0.#} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PsrpTransportException(WSManTransportProvider.Name, phase, $"{operation} to {Describe(endpoint)} failed: {ex.Message}", ex);
        }
    }

    // Over plain HTTP a connection-bound context seals every envelope, unless NoEncryption allows
    // plaintext; over HTTPS TLS protects them, as PowerShell does.
    private IWSManBodyWrapper BodyFor(WSManConnection connection, Uri endpoint, TransportPhase phase) =>
        connection.Security is { } security && endpoint.Scheme == Uri.UriSchemeHttp && !_options.NoEncryption
            ? new EncryptedSoapBody(security, endpoint.Host, phase)
            : PlainSoapBody.Instance;

    private async Task<WSManResponse> ReadResponseAsync(HttpResponseMessage response, IWSManBodyWrapper wrapper, string operation, Guid messageId, Uri endpoint, TransportPhase phase, int maxResponseSize, TimeSpan timeout, CancellationToken callerToken, CancellationToken token)
    {
        var status = response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var isSoap = mediaType is not null && (mediaType.Contains("soap", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase)
            || EncryptedMessageFormat.IsEncrypted(mediaType));
        if (!response.IsSuccessStatusCode && !isSoap)
        {
            throw HttpError(status, operation, endpoint, phase);
        }

        ArraySegment<byte> body;
        try
        {
            body = await wrapper.UnwrapAsync(response, maxResponseSize + ResponseSlack, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!callerToken.IsCancellationRequested)
        {
            throw new PsrpTransportException(WSManTransportProvider.Name, phase, $"{operation} to {Describe(endpoint)} did not finish within {timeout.TotalSeconds:0.#} s.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new PsrpTransportException(WSManTransportProvider.Name, phase, $"reading the {operation} response from {Describe(endpoint)} failed: {ex.Message}", ex);
        }
        catch (PsrpProtocolException ex)
        {
            throw new PsrpTransportException(WSManTransportProvider.Name, phase, $"{operation}: {ex.Message}", ex);
        }

        Record(response, body);
        if (body.Count == 0)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw HttpError(status, operation, endpoint, phase);
            }

            throw new PsrpTransportException(WSManTransportProvider.Name, phase, $"{operation} to {Describe(endpoint)} returned an empty body.");
        }

        WSManResponse parsed;
        try
        {
            parsed = WSManResponse.Parse(body, maxResponseSize + ResponseSlack);
        }
        catch (PsrpProtocolException ex)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw HttpError(status, operation, endpoint, phase);
            }

            throw new PsrpTransportException(WSManTransportProvider.Name, phase, $"{operation}: {ex.Message}", ex);
        }

        // A response must answer this request; a fault from a proxy may not name one.
        if (parsed.RelatesTo is { } relatesTo ? relatesTo != messageId : parsed.Fault is null)
        {
            throw new PsrpTransportException(
                WSManTransportProvider.Name,
                phase,
                $"the {operation} response relates to {(parsed.RelatesTo is { } r ? "uuid:" + r.ToString("D").ToUpperInvariant() : "no request")}, not to the request uuid:{messageId.ToString("D").ToUpperInvariant()}.");
        }

        if (parsed.Fault is { } fault)
        {
            throw new WSManFaultException(phase, operation, fault);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw HttpError(status, operation, endpoint, phase);
        }

        return parsed;
    }

    // The trace gets the request line, the headers but Authorization, and the envelope before any wrapping.
    private void Record(HttpRequestMessage request, byte[] envelope)
    {
        if (_options.WireRecorder is not { } recorder)
        {
            return;
        }

        var text = new StringBuilder();
        text.Append(request.Method.Method).Append(' ').Append(request.RequestUri?.PathAndQuery).Append(" HTTP/").Append(request.Version.ToString(2)).Append("\r\n");
        AppendHeaders(text, request.Headers);
        if (request.Content is { } content)
        {
            AppendHeaders(text, content.Headers);
        }

        text.Append("\r\n").Append(Encoding.UTF8.GetString(envelope));
        recorder.RecordText(WSManTransportProvider.Name, WireDirection.Sent, WSManTransportProvider.Name, text.ToString());
    }

    // The trace gets the status line, the headers and the unwrapped body (none for a redirect or a challenge).
    private void Record(HttpResponseMessage response, ArraySegment<byte>? body)
    {
        if (_options.WireRecorder is not { } recorder)
        {
            return;
        }

        var text = new StringBuilder();
        text.Append("HTTP/").Append(response.Version.ToString(2)).Append(' ').Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase).Append("\r\n");
        AppendHeaders(text, response.Headers);
        AppendHeaders(text, response.Content.Headers);
        text.Append("\r\n");
        if (body is { } b)
        {
            text.Append(Encoding.UTF8.GetString(b));
        }

        recorder.RecordText(WSManTransportProvider.Name, WireDirection.Received, WSManTransportProvider.Name, text.ToString());
    }

    private static void AppendHeaders(StringBuilder text, HttpHeaders headers)
    {
        foreach (var (name, values) in headers)
        {
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authenticate", StringComparison.OrdinalIgnoreCase))
            {
                // The scheme names what the server offers; a token after it is a secret of the handshake.
                text.Append(name).Append(": ").AppendJoin(", ", values.Select(v => v.Split(' ', 2)[0])).Append("\r\n");
                continue;
            }

            text.Append(name).Append(": ").AppendJoin(", ", values).Append("\r\n");
        }
    }

    private WSManHttpException HttpError(HttpStatusCode status, string operation, Uri endpoint, TransportPhase phase)
    {
        var what = status switch
        {
            HttpStatusCode.Unauthorized => _authentication is null
                ? "the server requires authentication; give -Credential (Basic) or -CertificateThumbprint."
                : $"the server refused the {_authentication.Name} credentials (401 Unauthorized).",
            HttpStatusCode.Forbidden => "access is denied (403 Forbidden).",
            HttpStatusCode.NotFound => $"there is no WS-Management listener at {endpoint.AbsolutePath} (404 Not Found); check -ApplicationName or the URI path.",
            _ => $"the server answered HTTP {(int)status} {status}.",
        };
        return new WSManHttpException(phase, status, $"{operation} to {Describe(endpoint)}: {what}");
    }

    private Uri FollowRedirect(HttpResponseMessage response, Uri from, int count, TransportPhase phase)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            throw new WSManHttpException(phase, response.StatusCode, $"{Describe(from)} answered {(int)response.StatusCode} without a Location to redirect to.");
        }

        var to = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (!_options.AllowRedirection)
        {
            throw new WSManHttpException(phase, response.StatusCode, $"{Describe(from)} redirects to {Describe(to)}; redirection is off. Use -AllowRedirection to follow it.");
        }

        if (count > _options.MaximumRedirection)
        {
            throw new WSManHttpException(phase, response.StatusCode, $"more than {_options.MaximumRedirection} redirects starting from {Describe(_options.Endpoint)}.");
        }

        if (to.Scheme != Uri.UriSchemeHttp && to.Scheme != Uri.UriSchemeHttps)
        {
            throw new WSManHttpException(phase, response.StatusCode, $"{Describe(from)} redirects to a non-HTTP URI ({to.Scheme}).");
        }

        if (from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp)
        {
            // Credentials and data would leave TLS; PowerShell's users expect HTTPS to stay HTTPS.
            throw new WSManHttpException(phase, response.StatusCode, $"{Describe(from)} redirects from HTTPS to plain HTTP ({Describe(to)}); refused.");
        }

        _logger.LogInformation("WSMan: {From} redirects to {To}; following (-AllowRedirection).", Describe(from), Describe(to));
        return to;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>The endpoint without user info or query, for messages.</summary>
    internal static string Describe(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private bool ValidateServerCertificate(WSManConnection connection, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var valid = IsTrusted(certificate, chain, errors);
        if (valid && certificate is not null)
        {
            // Kept for channel binding: the context of this connection is bound to this certificate.
            var previous = connection.ServerCertificate;
            connection.ServerCertificate = new X509Certificate2(certificate);
            previous?.Dispose();
        }

        return valid;
    }

    private bool IsTrusted(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) && !_options.SkipCNCheck)
        {
            _logger.LogWarning("WSMan: the server certificate does not match the host name {Host} (use SkipCNCheck to accept).", _endpoint.Host);
            return false;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        if (!errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) || _options.SkipCACheck)
        {
            return true;
        }

        // A private CA the caller trusts: build the chain again with those roots.
        if (_options.TrustedRootCertificates is { Count: > 0 } roots && certificate is not null)
        {
            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(roots);
            custom.ChainPolicy.RevocationMode = _options.SkipRevocationCheck ? X509RevocationMode.NoCheck : X509RevocationMode.Online;
            if (chain is not null)
            {
                custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
            }

            using var leaf = new X509Certificate2(certificate);
            if (custom.Build(leaf))
            {
                return true;
            }

            _logger.LogWarning("WSMan: the server certificate chain is not valid: {Status}.", string.Join(", ", custom.ChainStatus.Select(s => s.Status)));
            return false;
        }

        _logger.LogWarning("WSMan: the server certificate is not trusted: {Status} (use SkipCACheck, or trust its CA).",
            chain is null ? "no chain" : string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
        return false;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            Statistics.CountConnection();
            return new CountingStream(new NetworkStream(socket, ownsSocket: true), Statistics);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private WSManConnection NewConnection(bool exclusive)
    {
        var connection = new WSManConnection(exclusive);
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed here, by the rules above, not by the handler.
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
            UseProxy = !_options.NoProxy,
            Proxy = _options.NoProxy ? null : _options.Proxy,

            // A security context belongs to one TCP connection: an exclusive connection never has two.
            MaxConnectionsPerServer = exclusive ? 1 : int.MaxValue,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => ValidateServerCertificate(connection, certificate, chain, errors);
        handler.SslOptions.CertificateRevocationCheckMode = _options.SkipRevocationCheck ? X509RevocationMode.NoCheck : X509RevocationMode.Online;
        _authentication?.Configure(handler);
        connection.Http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _all[connection] = 0;
        return connection;
    }

    private WSManConnection Acquire() =>
        _shared ?? (_idle.TryTake(out var idle) ? idle : NewConnection(exclusive: true));

    private void Release(WSManConnection connection)
    {
        if (!connection.Exclusive)
        {
            return;
        }

        if (Volatile.Read(ref _disposed) == 0 && _idle.Count < MaxIdleConnections)
        {
            _idle.Add(connection);
            return;
        }

        _all.TryRemove(connection, out _);
        connection.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var connection in _all.Keys)
        {
            connection.Dispose();
        }

        _all.Clear();
    }
}
