using System.Net.Security;
using Docker.DotNet;
using Docker.DotNet.X509;
using Microsoft.Extensions.Logging;
using Psrp.Transport;

namespace Psrp.Providers.Container;

/// <summary>
/// A Docker client for one transport, bound to the endpoint resolved from <see cref="DockerEngineOptions"/>
/// the way the docker CLI resolves it. Disposed with the transport.
/// </summary>
internal sealed class DockerEngine : IDisposable
{
    private DockerEngine(DockerClient client, Uri endpoint, bool tls)
    {
        Client = client;
        Endpoint = endpoint;
        Tls = tls;
    }

    public DockerClient Client { get; }

    public Uri Endpoint { get; }

    public bool Tls { get; }

    /// <summary>The endpoint as errors and logs show it (never with user info).</summary>
    public string Display => Describe(Endpoint, Tls);

    /// <summary>Builds the client; a bad endpoint, an unsupported scheme or unreadable certificates are Connect-phase transport errors.</summary>
    public static DockerEngine Create(DockerEngineOptions options, ILogger logger)
    {
        Uri endpoint;
        try
        {
            endpoint = options.Endpoint ?? new DockerConfig().GetEndpoint();
        }
        catch (Exception ex) when (ex is DockerConfigurationException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or ArgumentException)
        {
            throw Connect($"the Docker endpoint could not be resolved from DOCKER_HOST or the docker context: {ex.Message} Set DOCKER_HOST or the '{ContainerSettings.Host}' setting.", ex);
        }

        var scheme = endpoint.Scheme.ToLowerInvariant();
        if (scheme is not ("unix" or "npipe" or "tcp" or "http" or "https"))
        {
            var hint = scheme == "ssh" ? " Tunnel the engine's socket over SSH yourself and point DOCKER_HOST at the local end." : string.Empty;
            throw Connect($"the Docker endpoint '{Describe(endpoint, false)}' uses the scheme '{scheme}', which is not supported: use unix://, npipe://, tcp:// or https://.{hint}");
        }

        var tlsVerifyVariable = Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY");
        var verify = options.VerifyServer ?? !string.IsNullOrEmpty(tlsVerifyVariable);
        var tcp = scheme is "tcp" or "http" or "https";
        var tls = tcp && (options.UseTls ?? (scheme == "https" || verify || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS"))));

        var builder = new DockerClientBuilder()
            .WithEndpoint(endpoint)
            .WithTimeout(options.RequestTimeout)
            .WithLogger(logger);
        if (tls)
        {
            builder = builder.WithAuthProvider(TlsCredentials(options, verify));
        }

        try
        {
            return new DockerEngine(builder.Build(), endpoint, tls);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException or SshDockerEndpointNotSupportedException)
        {
            throw Connect($"no Docker client for the endpoint '{Describe(endpoint, tls)}': {ex.Message}", ex);
        }
    }

    public void Dispose() => Client.Dispose();

    private static CertificateCredentials TlsCredentials(DockerEngineOptions options, bool verify)
    {
        var folder = options.CertificatePath
            ?? (Environment.GetEnvironmentVariable("DOCKER_CERT_PATH") is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker"));
        var ca = Path.Combine(folder, "ca.pem");
        var cert = Path.Combine(folder, "cert.pem");
        var key = Path.Combine(folder, "key.pem");
        try
        {
            // As the docker CLI: the client certificate is optional, the CA file narrows trust when present.
            var clientCertificate = File.Exists(cert) && File.Exists(key) ? DockerTlsCertificates.LoadCertificateFromPemFiles(cert, key) : null;
            var credentials = new CertificateCredentials(clientCertificate);
            if (!verify)
            {
                // docker --tls without --tlsverify: encrypted, engine identity not checked. Chosen by the user.
                credentials.ServerCertificateValidationCallback = AcceptAnyServer;
            }
            else if (File.Exists(ca))
            {
                credentials.ServerCertificateValidationCallback = DockerTlsCertificates.CreateCertificateAuthorityValidationCallback(
                    DockerTlsCertificates.LoadCertificateAuthorityFromPemFile(ca));
            }

            return credentials;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw Connect($"the TLS certificates in '{folder}' (ca.pem, cert.pem, key.pem) could not be loaded: {ex.Message} Check DOCKER_CERT_PATH or the '{ContainerSettings.CertPath}' setting.", ex);
        }
    }

#pragma warning disable CA5359 // Deliberate: the user asked for TLS without verification (docker --tls, DOCKER_TLS without DOCKER_TLS_VERIFY).
    private static bool AcceptAnyServer(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) => true;
#pragma warning restore CA5359

    private static string Describe(Uri endpoint, bool tls)
    {
        var text = string.IsNullOrEmpty(endpoint.UserInfo) ? endpoint.OriginalString : endpoint.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);
        return tls && endpoint.Scheme == "tcp" ? $"{text} (TLS)" : text;
    }

    private static PsrpTransportException Connect(string message, Exception? inner = null) =>
        new(ContainerTransportProvider.Name, TransportPhase.Connect, message, inner);
}
