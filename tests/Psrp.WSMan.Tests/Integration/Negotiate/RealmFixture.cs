using System.Security.Cryptography.X509Certificates;
using Psrp.Client;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Transport;
using Psrp.WSMan.Endpoint.Security;

namespace Psrp.WSMan.Tests.Integration.Negotiate;

/// <summary>
/// A real MIT KDC with a throwaway realm (<see cref="TestRealm"/>), gss-ntlmssp for NTLM, and the
/// WS-Management endpoint in its own process authenticating with them as WinRM's defaults do
/// (Negotiate and Kerberos, encryption required over HTTP, no Basic over HTTP). This test process
/// gets the realm's client variables through libc before any GSSAPI call, so our client finds the KDC.
/// </summary>
public sealed class RealmFixture : IAsyncLifetime
{
    public TestRealm Realm { get; private set; } = null!;

    internal EndpointProcess Endpoint { get; private set; } = null!;

    public X509Certificate2 Ca { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Realm = TestRealm.Start();
        foreach (var (name, value) in Realm.ClientEnvironment)
        {
            NativeEnvironment.Set(name, value);
        }

        Endpoint = await StartEndpointAsync();
        Ca = X509CertificateLoader.LoadCertificateFromFile(Endpoint.CaPath!);
    }

    public Task DisposeAsync()
    {
        Endpoint?.Dispose();
        Ca?.Dispose();
        Realm?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Another endpoint process on this realm with extra options (e.g. <c>--mismatched-channel-binding</c>).</summary>
    internal Task<EndpointProcess> StartEndpointAsync(params string[] extra) =>
        EndpointProcess.StartAsync(["--operation-timeout", "20", .. extra], Realm.Environment);

    public PsrpCredential Alice(string? password = null, string form = "upn") => new(
        form switch
        {
            "upn" => $"{TestRealm.KerberosUser}@{TestRealm.Name}",
            "domain" => $"{TestRealm.Name}\\{TestRealm.KerberosUser}",
            _ => TestRealm.KerberosUser,
        },
        password ?? Realm.KerberosPassword);

    public PsrpCredential Bob(string? password = null) => new($"{TestRealm.NtlmDomain}\\{TestRealm.NtlmUser}", password ?? Realm.NtlmPassword);

    /// <summary>Options for the endpoint at localhost (SPN HTTP/localhost), HTTP unless <paramref name="https"/>.</summary>
    internal WSManConnectionOptions Options(WSManAuthentication authentication, bool https = false, EndpointProcess? endpoint = null)
    {
        endpoint ??= Endpoint;
        var uri = https ? endpoint.HttpsUri! : endpoint.HttpUri;
        return new WSManConnectionOptions
        {
            Endpoint = new UriBuilder(uri) { Host = "localhost" }.Uri,
            Authentication = authentication,
            TrustedRootCertificates = [endpoint == Endpoint ? Ca : X509CertificateLoader.LoadCertificateFromFile(endpoint.CaPath!)],
            SkipRevocationCheck = true,
            SkipCNCheck = true,
            OperationTimeout = TimeSpan.FromSeconds(20),
        };
    }

    public static async Task<(RunspacePool Pool, WSManTransport Transport)> OpenAsync(WSManConnectionOptions options) =>
        await EndpointFixture.OpenAsync(options);
}

[CollectionDefinition(Name)]
public sealed class RealmCollection : ICollectionFixture<RealmFixture>
{
    public const string Name = "Kerberos realm";
}
