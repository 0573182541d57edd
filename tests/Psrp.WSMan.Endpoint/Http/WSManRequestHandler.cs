using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Psrp.WSMan.Endpoint.Security;
using Psrp.WSMan.Endpoint.Shells;
using Psrp.WSMan.Endpoint.Soap;

namespace Psrp.WSMan.Endpoint.Http;

/// <summary>
/// Serves one POST of a SOAP envelope: authenticates, enforces MaxEnvelopeSize, checks the resource
/// URI, runs the shell operation, and answers with the response envelope (200) or a WinRM-shaped
/// fault (500). Every response relates to the request's MessageID.
/// </summary>
public sealed partial class WSManRequestHandler
{
    // WS-Management's smallest MaxEnvelopeSize a service must accept (DSP0226).
    private const int MinimumEnvelopeSize = 8192;

    private readonly WSManEndpointOptions _options;
    private readonly WSManAuthenticator _authenticator;
    private readonly ShellRegistry _shells;
    private readonly ShellSettings _settings;
    private readonly Func<HttpRequest, bool, string> _baseAddress;
    private int _redirectsLeft;
    private long _requestCount;
    private long _bytesReceived;
    private long _bytesSent;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Endpoint options.</param>
    /// <param name="authenticator">Authentication.</param>
    /// <param name="shells">The open shells.</param>
    /// <param name="settings">Settings every shell gets.</param>
    /// <param name="baseAddress">The service URL (HTTP, or HTTPS when the flag is set), for redirects.</param>
    public WSManRequestHandler(WSManEndpointOptions options, WSManAuthenticator authenticator, ShellRegistry shells, ShellSettings settings, Func<HttpRequest, bool, string> baseAddress)
    {
        _options = options;
        _authenticator = authenticator;
        _shells = shells;
        _settings = settings;
        _baseAddress = baseAddress;
        _redirectsLeft = options.Redirect?.FirstRequests ?? 0;
    }

    /// <summary>Total requests served (including faults and 401s), for round-trip counting.</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>Total request body bytes received.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Total response body bytes sent.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Handles one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);

        // What http.sys in front of WinRM announces.
        context.Response.Headers.Server = "Microsoft-HTTPAPI/2.0";
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var caller = await _authenticator.AuthenticateAsync(context).ConfigureAwait(false);
        if (caller is null)
        {
            return;
        }

        var user = caller.User;
        if (TryRedirect(context))
        {
            return;
        }

        string? messageId = null;
        ConnectionAuthentication? sealing = null;
        try
        {
            var (body, total) = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            Interlocked.Add(ref _bytesReceived, total);
            if (caller.Security is { Context: { } security } connection)
            {
                if (total == 0)
                {
                    // The empty POST that completes a handshake (WinRM's clients send one before encrypting).
                    context.Response.StatusCode = StatusCodes.Status200OK;
                    context.Response.ContentLength = 0;
                    return;
                }

                var encrypted = SessionEncryption.ProtocolOf(context.Request.ContentType);
                if (encrypted is not null)
                {
                    if (!string.Equals(encrypted, connection.Protocol, StringComparison.OrdinalIgnoreCase)
                        || SessionEncryption.Open(security, body) is not { } opened)
                    {
                        context.Response.StatusCode = StatusCodes.Status400BadRequest;
                        context.Response.ContentLength = 0;
                        return;
                    }

                    body = opened;
                    total = opened.Length;
                    sealing = connection;
                }
                else if (!context.Request.IsHttps && !_options.AllowUnencrypted)
                {
                    // WinRM's AllowUnencrypted=false: plaintext over HTTP is refused.
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.ContentLength = 0;
                    return;
                }
            }

            if (total > _options.MaxEnvelopeSize)
            {
                messageId = SniffMessageId(body);
                throw WSManFaults.RequestTooLarge(total, _options.MaxEnvelopeSize);
            }

            var request = WSManRequest.Parse(body);
            messageId = request.MessageId;
            var response = await DispatchAsync(context, request, user).ConfigureAwait(false);
            await WriteAsync(context, StatusCodes.Status200OK, response, sealing).ConfigureAwait(false);
        }
        catch (WSManFaultException fault)
        {
            await WriteAsync(context, StatusCodes.Status500InternalServerError, WSManResponseWriter.Fault(messageId, fault, Machine(context)), sealing).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or the endpoint stops); nobody to answer.
        }
    }

    private async Task<byte[]> DispatchAsync(HttpContext context, WSManRequest request, string user)
    {
        ConfigurationOf(request.ResourceUri);
        if (request.Action is { } action && _options.InjectFault?.Invoke(action) is { } injected)
        {
            throw injected;
        }

        if (_options.InjectRequestFault?.Invoke(request) is { } chosen)
        {
            throw chosen;
        }

        var responseLimit = request.MaxEnvelopeSize ?? _options.MaxEnvelopeSize;
        if (responseLimit < MinimumEnvelopeSize)
        {
            throw WSManFaults.MinimumEnvelope(responseLimit);
        }

        var timeout = request.OperationTimeout ?? _options.DefaultOperationTimeout;
        var aborted = context.RequestAborted;
        switch (request.Action)
        {
            case WSManActions.Create:
                return await CreateAsync(context, request, user, aborted).ConfigureAwait(false);
            case WSManActions.Command:
                return await CommandAsync(request, user, aborted).ConfigureAwait(false);
            case WSManActions.Send:
                return await SendAsync(request, user, aborted).ConfigureAwait(false);
            case WSManActions.Receive:
                return await ReceiveAsync(request, user, responseLimit, timeout, aborted).ConfigureAwait(false);
            case WSManActions.Signal:
                return await SignalAsync(request, user, aborted).ConfigureAwait(false);
            case WSManActions.Delete:
                var shell = _shells.Get(request.ShellId, user);
                await shell.DeleteAsync(aborted).ConfigureAwait(false);
                _shells.TryRemove(shell);
                return WSManResponseWriter.DeleteResponse(request.MessageId);
            default:
                throw WSManFaults.ActionNotSupported(request.Action);
        }
    }

    private async Task<byte[]> CreateAsync(HttpContext context, WSManRequest request, string user, CancellationToken cancellationToken)
    {
        EnsureProtocolVersion(request);
        var shellElement = request.Body.Element(WSManNamespaces.Shell + "Shell")
            ?? throw WSManFaults.SchemaValidation("A Create for a PowerShell shell needs an rsp:Shell body.");
        var creationXml = shellElement.Element(WSManNamespaces.PowerShell + "creationXml")
            ?? throw WSManFaults.SchemaValidation("The rsp:Shell carries no creationXml (the PowerShell plugin needs the opening fragments).");
        var fragments = Base64(creationXml.Value, "creationXml");
        var shellId = ((string?)shellElement.Attribute("ShellId") ?? Guid.NewGuid().ToString("D")).ToUpperInvariant();
        var idle = shellElement.Element(WSManNamespaces.Shell + "IdleTimeOut")?.Value ?? "PT7200.000S";

        _shells.Reserve(user);
        WSManShell shell;
        try
        {
            shell = await WSManShell.CreateAsync(shellId, request.ResourceUri!, user, fragments, _settings, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _shells.Release(user);
            throw;
        }

        if (!_shells.TryAdd(shell))
        {
            await shell.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
            _shells.Release(user);
            throw WSManFaults.SchemaValidation($"A shell with ShellId {shellId} already exists.");
        }

        var address = request.Header.Element(WSManNamespaces.Addressing + "To")?.Value.Trim() ?? RequestUrl(context.Request);
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        return WSManResponseWriter.CreateResponse(request.MessageId, address, new ShellDescription(shellId, request.ResourceUri!, user, remote, shell.ProcessId, idle));
    }

    private async Task<byte[]> CommandAsync(WSManRequest request, string user, CancellationToken cancellationToken)
    {
        var shell = _shells.Get(request.ShellId, user);
        var commandLine = request.Body.Element(WSManNamespaces.Shell + "CommandLine")
            ?? throw WSManFaults.SchemaValidation("A Command needs an rsp:CommandLine body.");
        var commandId = (string?)commandLine.Attribute("CommandId");
        var arguments = commandLine.Element(WSManNamespaces.Shell + "Arguments")?.Value ?? string.Empty;
        var id = await shell.CreateCommandAsync(commandId, Base64(arguments, "rsp:Arguments"), cancellationToken).ConfigureAwait(false);
        return WSManResponseWriter.CommandResponse(request.MessageId, id);
    }

    private async Task<byte[]> SendAsync(WSManRequest request, string user, CancellationToken cancellationToken)
    {
        var shell = _shells.Get(request.ShellId, user);
        var send = request.Body.Element(WSManNamespaces.Shell + "Send")
            ?? throw WSManFaults.SchemaValidation("A Send needs an rsp:Send body.");

        // No OperationTimeout here: giving up between two packets would leave half the data sent.
        // The server's DataAck wait is bounded by the transport, and the client can hang up.
        foreach (var stream in send.Elements(WSManNamespaces.Shell + "Stream"))
        {
            var name = (string?)stream.Attribute("Name") ?? "stdin";
            await shell.SendAsync((string?)stream.Attribute("CommandId"), name, Base64(stream.Value, "rsp:Stream"), cancellationToken).ConfigureAwait(false);
        }

        return WSManResponseWriter.SendResponse(request.MessageId);
    }

    private async Task<byte[]> ReceiveAsync(WSManRequest request, string user, int responseLimit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var shell = _shells.Get(request.ShellId, user);
        var desired = request.Body.Element(WSManNamespaces.Shell + "Receive")?.Element(WSManNamespaces.Shell + "DesiredStream")
            ?? throw WSManFaults.SchemaValidation("A Receive needs rsp:Receive/rsp:DesiredStream.");
        var commandId = ((string?)desired.Attribute("CommandId"))?.ToUpperInvariant();

        // What the envelope costs without output, Done included: the rest is for rsp:Stream elements.
        var overhead = WSManResponseWriter.ReceiveResponse(request.MessageId, commandId, [], done: true).Length;
        var space = responseLimit - overhead;
        var batch = await shell.ReceiveAsync(commandId, space, timeout, cancellationToken).ConfigureAwait(false)
            ?? throw WSManFaults.OperationTimeout();
        return WSManResponseWriter.ReceiveResponse(request.MessageId, commandId, batch.Chunks, batch.Done);
    }

    private async Task<byte[]> SignalAsync(WSManRequest request, string user, CancellationToken cancellationToken)
    {
        var shell = _shells.Get(request.ShellId, user);
        var signal = request.Body.Element(WSManNamespaces.Shell + "Signal")
            ?? throw WSManFaults.SchemaValidation("A Signal needs an rsp:Signal body.");
        var commandId = (string?)signal.Attribute("CommandId")
            ?? throw WSManFaults.SchemaValidation("The PowerShell plugin signals commands only; rsp:Signal has no CommandId.");
        var code = signal.Element(WSManNamespaces.Shell + "Code")?.Value.Trim()
            ?? throw WSManFaults.SchemaValidation("rsp:Signal has no rsp:Code.");
        await shell.SignalAsync(commandId, code, cancellationToken).ConfigureAwait(false);
        return WSManResponseWriter.SignalResponse(request.MessageId);
    }

    private string ConfigurationOf(string? resourceUri)
    {
        if (resourceUri is not null && resourceUri.StartsWith(WSManNamespaces.PowerShellResourceUriPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var name = resourceUri[WSManNamespaces.PowerShellResourceUriPrefix.Length..];
            if (_options.DeniedConfigurationNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw WSManFaults.AccessDenied("Access is denied.");
            }

            foreach (var known in _options.ConfigurationNames)
            {
                if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
                {
                    return known;
                }
            }
        }

        throw WSManFaults.InvalidResourceUri(resourceUri);
    }

    /// <summary>The PowerShell plugin's own check: protocolversion present, 2.x with x at least 0.</summary>
    private static void EnsureProtocolVersion(WSManRequest request)
    {
        if (!request.Options.TryGetValue("protocolversion", out var option))
        {
            throw WSManFaults.ProtocolVersionNotFound();
        }

        if (!Version.TryParse(option.Value.Trim(), out var version) || version.Major != 2)
        {
            throw WSManFaults.ProtocolVersionNotMatch(option.Value);
        }
    }

    private bool TryRedirect(HttpContext context)
    {
        if (_options.Redirect is not { } redirect)
        {
            return false;
        }

        var path = context.Request.Path.Value ?? string.Empty;
        string? location = null;
        if (string.Equals(path, redirect.LoopPath, StringComparison.OrdinalIgnoreCase))
        {
            location = RequestUrl(context.Request);
        }
        else if (string.Equals(path, _options.Path, StringComparison.OrdinalIgnoreCase) && Interlocked.Decrement(ref _redirectsLeft) >= 0)
        {
            var target = new UriBuilder(_baseAddress(context.Request, redirect.ToHttps)) { Path = redirect.TargetPath };
            location = target.Uri.ToString();
        }

        if (location is null)
        {
            return false;
        }

        context.Response.StatusCode = redirect.StatusCode;
        context.Response.Headers.Location = location;
        context.Response.ContentLength = 0;
        return true;
    }

    private static string RequestUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";

    private static string Machine(HttpContext context) => context.Request.Host.Host is { Length: > 0 } host ? host : "localhost";

    private static byte[] Base64(string text, string where)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw WSManFaults.SchemaValidation($"The {where} text is not valid base64.");
        }
    }

    /// <summary>Reads the body, keeping at most MaxEnvelopeSize + 4097 bytes (a larger one is only counted).</summary>
    private async Task<(byte[] Body, long Total)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Room for the framing and signature of an encrypted envelope at the size limit.
        var limit = _options.MaxEnvelopeSize + 4097;
        var kept = new MemoryStream();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            var keep = (int)Math.Min(read, Math.Max(0, limit - kept.Length));
            kept.Write(buffer, 0, keep);
        }

        return (kept.ToArray(), total);
    }

    /// <summary>The MessageID of an envelope too large to parse, so even that fault relates to its request.</summary>
    private static string? SniffMessageId(byte[] head)
    {
        var match = MessageIdPattern().Match(Encoding.UTF8.GetString(head, 0, Math.Min(head.Length, 16384)));
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex(@"<(?:\w+:)?MessageID\b[^>]*>([^<]+)<", RegexOptions.CultureInvariant)]
    private static partial Regex MessageIdPattern();

    private async Task WriteAsync(HttpContext context, int status, byte[] body, ConnectionAuthentication? sealing)
    {
        // An encrypted request gets an encrypted answer, faults included, as WinRM answers.
        var contentType = WSManResponseWriter.ContentType;
        if (sealing?.Context is { } security)
        {
            body = SessionEncryption.Seal(security, sealing.Protocol, body);
            contentType = SessionEncryption.ContentType(sealing.Protocol);
        }

        Interlocked.Add(ref _bytesSent, body.Length);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
