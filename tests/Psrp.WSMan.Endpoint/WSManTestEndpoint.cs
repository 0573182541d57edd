using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Psrp.WSMan.Endpoint.Http;
using Psrp.WSMan.Endpoint.Security;
using Psrp.WSMan.Endpoint.Shells;

namespace Psrp.WSMan.Endpoint;

/// <summary>
/// A WS-Management PowerShell endpoint on 127.0.0.1 for tests: HTTP and HTTPS (a throwaway CA signs
/// the server certificate), Basic and client-certificate authentication, and behind every shell a
/// real PowerShell server. Start with <see cref="StartAsync"/>, point a client at <see cref="HttpUri"/>
/// or <see cref="HttpsUri"/> (trusting <see cref="CaCertificate"/>), dispose to stop and end every shell.
/// </summary>
public sealed class WSManTestEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestCertificateAuthority _authority;
    private readonly WSManAuthenticator _authenticator;
    private readonly WSManRequestHandler _handler;
    private readonly ShellRegistry _shells;
    private int _disposed;

    private WSManTestEndpoint(WebApplication app, TestCertificateAuthority authority, WSManAuthenticator authenticator, WSManRequestHandler handler, ShellRegistry shells, WSManEndpointOptions options, string password)
    {
        _app = app;
        _authority = authority;
        _authenticator = authenticator;
        _handler = handler;
        _shells = shells;
        Options = options;
        Password = password;
    }

    /// <summary>The options the endpoint runs with.</summary>
    public WSManEndpointOptions Options { get; }

    /// <summary>The Basic user name.</summary>
    public string UserName => Options.UserName;

    /// <summary>The Basic password (generated unless configured). Never logged by the endpoint.</summary>
    public string Password { get; }

    /// <summary>The service URL over HTTP, e.g. <c>http://127.0.0.1:41234/wsman</c>.</summary>
    public Uri HttpUri { get; private set; } = null!;

    /// <summary>The service URL over HTTPS, or null when HTTPS is off.</summary>
    public Uri? HttpsUri { get; private set; }

    /// <summary>The CA that signed the server certificate; trust it to validate HTTPS.</summary>
    public X509Certificate2 CaCertificate => _authority.Certificate;

    /// <summary>The server certificate's SHA-1 thumbprint.</summary>
    public string ServerCertificateThumbprint { get; private set; } = string.Empty;

    /// <summary>Open shells (each one a running PowerShell server process).</summary>
    public int ShellCount => _shells.Count;

    /// <summary>The process ids of the PowerShell servers behind the open shells.</summary>
    public IReadOnlyList<int> ShellProcessIds => _shells.Shells.Select(s => s.ProcessId).ToArray();

    /// <summary>HTTP requests served so far (every round trip, including 401s and faults).</summary>
    public long RequestCount => _handler.RequestCount;

    /// <summary>Request body bytes received so far.</summary>
    public long BytesReceived => _handler.BytesReceived;

    /// <summary>Response body bytes sent so far.</summary>
    public long BytesSent => _handler.BytesSent;

    /// <summary>Starts the endpoint; fails at once when the LocalServer is missing (a missing peer is an error, not a skip).</summary>
    public static async Task<WSManTestEndpoint> StartAsync(WSManEndpointOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WSManEndpointOptions();
        var localServer = LocalServerLocator.Find(options.LocalServerPath);
        var password = options.Password ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var authority = TestCertificateAuthority.Create();
        var serverCertificate = options.HttpsPort is null ? null : authority.IssueServerCertificate();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (options.KeepAliveTimeout is { } keepAlive)
            {
                kestrel.Limits.KeepAliveTimeout = keepAlive;
            }

            // Envelopes over MaxEnvelopeSize must reach the handler to be answered with WinRM's fault.
            kestrel.Limits.MaxRequestBodySize = Math.Max(64L << 20, options.MaxEnvelopeSize * 4L);
            // WinRM speaks HTTP/1.1 only.
            kestrel.Listen(IPAddress.Loopback, options.HttpPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(KeepConnectionAuthentication);
            });
            if (serverCertificate is not null)
            {
                kestrel.Listen(IPAddress.Loopback, options.HttpsPort!.Value, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1;
                    listen.Use(KeepConnectionAuthentication);
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = serverCertificate,
                        ClientCertificateMode = options.AllowCertificateAuthentication ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.NoCertificate,

                        // Chain and mapping are checked per request, so an unknown certificate is a 401, not a TLS failure.
                        ClientCertificateValidation = (_, _, _) => true,
                    });
                });
            }
        });

        var app = builder.Build();
        var shells = new ShellRegistry(options.MaxShellsPerUser);
        var authenticator = new WSManAuthenticator(options, password, authority)
        {
            HttpsChannelBinding = serverCertificate is null ? null
                : options.MismatchedChannelBinding ? [.. "tls-server-end-point:"u8, .. new byte[32]]
                : ChannelBindings.TlsServerEndPoint(serverCertificate),
        };
        var settings = new ShellSettings(localServer, options.MaxEnvelopeSize, options.OutboxCapacity, options.OutputLinger);
        WSManTestEndpoint? endpoint = null;
        var handler = new WSManRequestHandler(options, authenticator, shells, settings, (_, https) =>
            (https && endpoint!.HttpsUri is { } secure ? secure : endpoint!.HttpUri).ToString());
        endpoint = new WSManTestEndpoint(app, authority, authenticator, handler, shells, options, password)
        {
            ServerCertificateThumbprint = serverCertificate?.Thumbprint ?? string.Empty,
        };

        foreach (var path in Paths(options))
        {
            app.Map(path, handler.HandleAsync);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        foreach (var address in addresses)
        {
            var uri = new UriBuilder(address) { Path = options.Path }.Uri;
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                endpoint.HttpsUri = uri;
            }
            else
            {
                endpoint.HttpUri = uri;
            }
        }

        return endpoint;
    }

    /// <summary>
    /// Issues a client certificate (with private key) signed by the endpoint's CA for
    /// <paramref name="userName"/>; when <paramref name="map"/> it is mapped to the endpoint's user,
    /// so certificate authentication with it succeeds.
    /// </summary>
    public X509Certificate2 IssueClientCertificate(string? userName = null, bool map = true)
    {
        var certificate = _authority.IssueClientCertificate(userName ?? UserName);
        if (map)
        {
            _authenticator.MapCertificate(certificate.Thumbprint, UserName);
        }

        return certificate;
    }

    /// <summary>Issues a certificate from a different, untrusted CA (certificate authentication with it fails).</summary>
    public static X509Certificate2 IssueForeignClientCertificate(string userName)
    {
        using var other = TestCertificateAuthority.Create("psrp untrusted CA");
        return other.IssueClientCertificate(userName);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shells.DisposeAsync().ConfigureAwait(false);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _authority.Dispose();
    }

    // Negotiate/Kerberos authenticate the TCP connection: its state lives as long as the connection.
    private static ConnectionDelegate KeepConnectionAuthentication(ConnectionDelegate next) => async connection =>
    {
        using var state = new ConnectionAuthentication();
        connection.Items[typeof(ConnectionAuthentication)] = state;
        await next(connection).ConfigureAwait(false);
    };

    private static IEnumerable<string> Paths(WSManEndpointOptions options)
    {
        yield return options.Path;
        if (options.Redirect is { } redirect)
        {
            yield return redirect.TargetPath;
            yield return redirect.LoopPath;
        }
    }
}
