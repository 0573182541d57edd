using Psrp.Client;
using Psrp.Diagnostics;
using Psrp.Providers.WSMan;
using Psrp.Providers.WSMan.Authentication;
using Psrp.Transport;
using Psrp.WSMan.Endpoint.Security;

namespace Psrp.WSMan.Tests.Integration.Negotiate;

/// <summary>
/// Negotiate, Kerberos and NTLM against the endpoint on a real KDC and gss-ntlmssp, with message
/// encryption over HTTP (the endpoint refuses plaintext, as WinRM does by default).
/// </summary>
[Collection(RealmCollection.Name)]
public sealed class NegotiateTests(RealmFixture fixture)
{
    public static TheoryData<string, string> Credentials => new()
    {
        { "Negotiate", "alice upn" },
        { "Negotiate", "alice domain" },
        { "Kerberos", "alice upn" },
        { "Negotiate", "bob ntlm" },
        { "NTLM", "bob ntlm" },
    };

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task Opens_an_encrypted_session_and_runs_a_pipeline_over_HTTP(string package, string who)
    {
        var credential = who switch
        {
            "alice upn" => fixture.Alice(),
            "alice domain" => fixture.Alice(form: "domain"),
            _ => fixture.Bob(),
        };
        var (pool, transport) = await RealmFixture.OpenAsync(fixture.Options(new NegotiateSchemeAuthentication(package, credential)));
        await using (pool)
        {
            var version = Assert.Single(await pool.InvokeScriptAsync("$PSVersionTable.PSVersion.Major"));
            Assert.Equal(7, version!.BaseValue);

            // Several requests in flight at once each take an authenticated connection of their own.
            var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => pool.InvokeScriptAsync($"[System.Threading.Thread]::Sleep(200); {i} * 2")));
            Assert.Equal([0, 2, 4], results.Select(r => (int)Assert.Single(r)!.BaseValue!));
            await pool.CloseAsync();
        }

        // Kerberos: one handshake leg per connection; NTLM: two.
        var handshakes = transport.Statistics.RoundTripsByOperation.GetValueOrDefault("Authenticate");
        Assert.True(handshakes >= transport.Statistics.Connections, $"{handshakes} handshake legs for {transport.Statistics.Connections} connections");
        Assert.True(handshakes <= transport.Statistics.Connections * (who.StartsWith("bob", StringComparison.Ordinal) ? 2 : 1), $"{handshakes} handshake legs for {transport.Statistics.Connections} connections");
    }

    [Fact]
    public async Task The_current_identity_uses_the_ticket_cache_and_without_one_says_to_run_kinit()
    {
        fixture.Realm.Kinit();
        var (pool, _) = await RealmFixture.OpenAsync(fixture.Options(new NegotiateSchemeAuthentication("Kerberos")));
        await using (pool)
        {
            Assert.Equal("ok", Assert.Single(await pool.InvokeScriptAsync("'ok'"))!.BaseValue);
            await pool.CloseAsync();
        }

        fixture.Realm.Kdestroy();
        var error = await Assert.ThrowsAsync<WSManAuthenticationException>(() => RunspacePool.OpenAsync(WSManTransportProvider.Connect(fixture.Options(new NegotiateSchemeAuthentication("Kerberos")))));
        Assert.Equal(WSManAuthenticationFailure.NoUsableCredentials, error.Failure);
        Assert.Equal("localhost", error.Host);
        Assert.Equal(TransportPhase.OpenRunspacePool, error.Phase);
        Assert.Contains("kinit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_the_server_and_never_shown()
    {
        const string wrong = "Wrong-Pa55word-x";
        var error = await Assert.ThrowsAsync<WSManAuthenticationException>(() =>
            RunspacePool.OpenAsync(WSManTransportProvider.Connect(fixture.Options(new NegotiateSchemeAuthentication("Negotiate", fixture.Bob(wrong))))));
        Assert.Equal(WSManAuthenticationFailure.CredentialsRefused, error.Failure);
        Assert.Contains("refused", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestRealm.NtlmUser, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);

        // Kerberos alone: the KDC refuses the password before the server is asked.
        var kerberos = await Assert.ThrowsAsync<WSManAuthenticationException>(() =>
            RunspacePool.OpenAsync(WSManTransportProvider.Connect(fixture.Options(new NegotiateSchemeAuthentication("Kerberos", fixture.Alice(wrong))))));
        Assert.Equal(WSManAuthenticationFailure.NoUsableCredentials, kerberos.Failure);
        Assert.DoesNotContain(wrong, kerberos.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_SPN_is_named_in_the_error()
    {
        var scheme = new NegotiateSchemeAuthentication("Kerberos", fixture.Alice()) { ServiceClass = "NOSUCH" };
        var error = await Assert.ThrowsAsync<WSManAuthenticationException>(() => RunspacePool.OpenAsync(WSManTransportProvider.Connect(fixture.Options(scheme))));
        Assert.Contains("NOSUCH/localhost", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WSMAN")]
    [InlineData("host")]
    public async Task Another_service_class_reaches_a_server_registered_under_it(string serviceClass)
    {
        var (pool, _) = await RealmFixture.OpenAsync(fixture.Options(new NegotiateSchemeAuthentication("Kerberos", fixture.Alice()) { ServiceClass = serviceClass }));
        await using (pool)
        {
            Assert.Equal(3, Assert.Single(await pool.InvokeScriptAsync("1 + 2"))!.BaseValue);
            await pool.CloseAsync();
        }
    }

    [Fact]
    public async Task Over_HTTPS_TLS_protects_the_messages_and_the_context_carries_a_channel_binding()
    {
        // .NET's acceptor on Linux does not check channel bindings, so a mismatch cannot be shown
        // here; ChannelBindingTests checks the binding value against Python's GSSAPI acceptor.
        var (pool, transport) = await RealmFixture.OpenAsync(fixture.Options(new NegotiateSchemeAuthentication("Negotiate", fixture.Alice()), https: true));
        await using (pool)
        {
            Assert.Equal("tls", Assert.Single(await pool.InvokeScriptAsync("'tls'"))!.BaseValue);
            await pool.CloseAsync();
        }

        // One unauthenticated probe (to learn the certificate) and one Kerberos leg per connection.
        Assert.True(transport.Statistics.RoundTripsByOperation.GetValueOrDefault("Authenticate") <= 2 * transport.Statistics.Connections);
    }

    [Fact]
    public async Task A_server_that_does_not_offer_Negotiate_is_named_with_what_it_offers()
    {
        using var basicOnly = await fixture.StartEndpointAsync("--no-negotiate");
        var error = await Assert.ThrowsAsync<WSManAuthenticationException>(() =>
            RunspacePool.OpenAsync(WSManTransportProvider.Connect(fixture.Options(new NegotiateSchemeAuthentication("Negotiate", fixture.Alice()), https: true, basicOnly))));
        Assert.Equal(WSManAuthenticationFailure.SchemeNotOffered, error.Failure);
        Assert.Contains("accepts Basic; Negotiate was asked for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_the_server_closed_is_authenticated_again_without_the_caller_noticing()
    {
        using var impatient = await fixture.StartEndpointAsync("--keep-alive-timeout", "1");
        var (pool, transport) = await RealmFixture.OpenAsync(fixture.Options(new NegotiateSchemeAuthentication("Kerberos", fixture.Alice()), endpoint: impatient));
        await using (pool)
        {
            Assert.Equal(1, Assert.Single(await pool.InvokeScriptAsync("1"))!.BaseValue);
            var before = transport.Statistics.RoundTripsByOperation.GetValueOrDefault("Authenticate");
            // Kestrel closes connections idle for over 1 s on its 1 s heartbeat; a loaded machine needs slack.
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.Equal(2, Assert.Single(await pool.InvokeScriptAsync("2"))!.BaseValue);
            Assert.True(transport.Statistics.RoundTripsByOperation.GetValueOrDefault("Authenticate") > before,
                $"the replaced connection was not authenticated again: {string.Join(", ", transport.Statistics.RoundTripsByOperation.Select(p => $"{p.Key}={p.Value}"))}, connections {transport.Statistics.Connections}");
            await pool.CloseAsync();
        }
    }

    [Fact]
    public async Task The_trace_holds_decrypted_envelopes_and_no_tokens()
    {
        var recorder = new ListRecorder();
        var options = fixture.Options(new NegotiateSchemeAuthentication("Negotiate", fixture.Bob())) with { WireRecorder = recorder };
        var (pool, _) = await RealmFixture.OpenAsync(options);
        await using (pool)
        {
            await pool.InvokeScriptAsync("'traced'");
            await pool.CloseAsync();
        }

        var text = string.Join("\n", recorder.Texts);
        Assert.Contains("<s:Envelope", text, StringComparison.Ordinal);
        Assert.Contains("WWW-Authenticate: Negotiate", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"Negotiate [A-Za-z0-9+/=]{16,}", text);
        Assert.DoesNotContain(fixture.Realm.NtlmPassword, text, StringComparison.Ordinal);
    }

    private sealed class ListRecorder : IWireRecorder
    {
        private readonly List<string> _texts = [];

        public IReadOnlyList<string> Texts
        {
            get
            {
                lock (_texts)
                {
                    return [.. _texts];
                }
            }
        }

        public void RecordPacket(string transport, WireDirection direction, ReadOnlySpan<byte> line)
        {
        }

        public void RecordText(string transport, WireDirection direction, string kind, string text)
        {
            lock (_texts)
            {
                _texts.Add(text);
            }
        }
    }
}
