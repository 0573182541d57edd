using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Providers.WSMan.Security;

namespace Psrp.WSMan.Tests.Integration.Negotiate;

/// <summary>
/// The <c>tls-server-end-point</c> binding our client puts in its Kerberos token, checked by an
/// independent acceptor: MIT krb5 through python3-gssapi, which computes the expected binding from the
/// certificate itself. (.NET's own acceptor on Linux does not check bindings.)
/// </summary>
[Collection(RealmCollection.Name)]
public sealed class ChannelBindingTests(RealmFixture fixture)
{
    [Fact]
    public void An_independent_acceptor_takes_the_right_binding_and_refuses_a_different_one()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var der = Path.Combine(fixture.Realm.Directory, $"server-{Guid.NewGuid():N}.der");
        File.WriteAllBytes(der, certificate.RawData);

        Assert.StartsWith("accepted", Accept(Token(certificate), der, "right"), StringComparison.Ordinal);
        Assert.StartsWith("refused", Accept(Token(certificate), der, "wrong"), StringComparison.Ordinal);
    }

    private string Token(X509Certificate2 certificate)
    {
        var scheme = new NegotiateSchemeAuthentication("Kerberos", fixture.Alice());
        using var binding = TlsServerEndPointBinding.For(certificate);
        using var context = scheme.CreateContext(new Uri("https://localhost:5986/wsman"), binding);
        var token = context.Step(null, out var status);
        Assert.True(token is not null, $"no first token ({status})");
        return token;
    }

    private string Accept(string token, string certificate, string mode)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Python", "accept_with_binding.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, token, certificate, mode })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in fixture.Realm.Environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), "python3 did not finish");
        Assert.True(process.ExitCode == 0, $"python3 failed ({process.ExitCode}): {error.Result} (needs Debian's python3-gssapi; scripts/setup.sh installs it)");
        return output.Result.Trim();
    }
}
