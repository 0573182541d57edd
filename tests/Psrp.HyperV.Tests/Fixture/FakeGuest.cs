using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Psrp.Providers.HyperV;
using Psrp.Providers.HyperV.Sockets;

namespace Psrp.HyperV.Tests.Fixture;

/// <summary>
/// A stand-in for a Hyper-V guest, on TCP loopback: a credential broker and a session endpoint
/// that follow psrp-facts §8 from the guest's side, written independently of the client's
/// machines. After a successful sign-in the broker "starts PowerShell": the next connection to
/// the session service (after the token check in V2) is handed to a real PowerShell server
/// process (hosts/Psrp.LocalServer) whose stdio is pumped to and from the socket.
/// </summary>
internal sealed class FakeGuest : IAsyncDisposable
{
    private static readonly TimeSpan MaxTokenLife = TimeSpan.FromMinutes(10);
    private readonly GuestOptions _options;
    private readonly TcpListener _broker = new(IPAddress.Loopback, 0);
    private readonly TcpListener _session = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<PendingSession> _pending = new();
    private readonly SemaphoreSlim _pendingCount = new(0);
    private readonly ConcurrentBag<Task> _brokerHandlers = [];
    private readonly ConcurrentBag<Task> _sessionHandlers = [];
    private readonly ConcurrentBag<Process> _servers = [];
    private readonly Task _brokerLoop;
    private readonly Task _sessionLoop;

    public FakeGuest(GuestOptions? options = null)
    {
        _options = options ?? new GuestOptions();
        _broker.Start();
        _session.Start();
        _brokerLoop = AcceptLoopAsync(_broker, HandleBrokerAsync, _brokerHandlers);
        _sessionLoop = AcceptLoopAsync(_session, HandleSessionAsync, _sessionHandlers);
    }

    public Guid VmId { get; } = Guid.NewGuid();

    public string Name { get; } = "guest-" + Guid.NewGuid().ToString("N")[..8];

    public GuestOptions Options => _options;

    /// <summary>Every (VM, service) the client asked the "hypervisor" to connect to, in order.</summary>
    public ConcurrentQueue<(Guid VmId, Guid ServiceId)> Connections { get; } = new();

    public ConcurrentQueue<BrokerConversation> BrokerConversations { get; } = new();

    /// <summary>Tokens the broker issued (to check they never reach a log).</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    /// <summary>The session endpoint's verdicts, e.g. "token accepted", "token rejected", "no handshake (legacy)".</summary>
    public ConcurrentQueue<string> SessionEvents { get; } = new();

    /// <summary>The argument lists of the PowerShell servers started.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> ServersStarted { get; } = new();

    /// <summary>The injectable socket factory: the stand-in for AF_HYPERV connect.</summary>
    public HyperVSocketConnector Connector => ConnectAsync;

    /// <summary>Waits until every broker conversation so far is over (the client closed it), so its record is complete.</summary>
    public Task QuiesceBrokerAsync() => WaitAllAsync(_brokerHandlers);

    /// <summary>Waits for the first PowerShell server the broker started and returns its arguments.</summary>
    public async Task<IReadOnlyList<string>> WaitForServerAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IReadOnlyList<string>? arguments;
        while (!ServersStarted.TryPeek(out arguments))
        {
            Assert.True(DateTime.UtcNow < deadline, "No PowerShell server was started in the stand-in guest.");
            await Task.Delay(50);
        }

        return arguments;
    }

    private static Task WaitAllAsync(IEnumerable<Task> tasks) =>
        Task.WhenAll(tasks.Select(h => h.WaitAsync(TimeSpan.FromSeconds(20)).ContinueWith(_ => { }, TaskScheduler.Default)));

    private async ValueTask<Stream> ConnectAsync(Guid vmId, Guid serviceId, CancellationToken cancellationToken)
    {
        Connections.Enqueue((vmId, serviceId));
        if (vmId != VmId)
        {
            throw new PowerShellDirectException(PowerShellDirectError.ConnectFailed, $"no partition {vmId} (stand-in guest)");
        }

        var listener = serviceId == HyperVIds.BrokerService ? _broker
            : serviceId == HyperVIds.SessionService ? _session
            : throw new PowerShellDirectException(PowerShellDirectError.ConnectFailed, $"nothing listens on {serviceId} (stand-in guest)");
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint, cancellationToken);
        return client.GetStream();
    }

    private async Task AcceptLoopAsync(TcpListener listener, Func<NetworkStream, CancellationToken, Task> handle, ConcurrentBag<Task> handlers)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(_stop.Token);
                client.NoDelay = true;
                handlers.Add(Task.Run(async () =>
                {
                    using (client)
                    {
                        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                        limit.CancelAfter(TimeSpan.FromMinutes(2));
                        try
                        {
                            await handle(client.GetStream(), limit.Token);
                        }
                        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
                        {
                        }
                    }
                }));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // ---- the credential broker (service 999e53d4…) ----

    private async Task HandleBrokerAsync(NetworkStream stream, CancellationToken ct)
    {
        var talk = new BrokerConversation();
        BrokerConversations.Enqueue(talk);
        async Task<byte[]> Recv()
        {
            var message = await ReceiveOneAsync(stream, 1024, ct);
            talk.Received.Add(message);
            return message;
        }

        Task Send(string keyword) => stream.WriteAsync(Encoding.ASCII.GetBytes(keyword), ct).AsTask();

        var first = await Recv();
        var versionTwoClient = false;
        byte[] domain;
        if (_options.Broker == BrokerKind.Version2 && IsWord(first, "VERSION"))
        {
            await Send("VERSION_2");
            var clientVersion = await Recv();
            if (!Text(clientVersion).StartsWith("VERSION_", StringComparison.Ordinal))
            {
                talk.Result = "bad client version";
                return;
            }

            versionTwoClient = true;
            await Send("PASS");
            domain = await Recv();
        }
        else
        {
            // An old broker takes whatever comes first for the domain (a V2 client's "VERSION" included).
            domain = first;
        }

        await Send("PASS");
        var user = await Recv();
        await Send("PASS");
        var passwordKind = await Recv();
        var password = string.Empty;
        if (IsWord(passwordKind, "NONEMPTYPW"))
        {
            await Send("PASS");
            password = Encoding.Unicode.GetString(await Recv());
        }
        else if (!IsWord(passwordKind, "EMPTYPW"))
        {
            talk.Result = "bad password marker";
            return;
        }

        var signedIn = Encoding.Unicode.GetString(domain) == _options.Domain
            && Encoding.Unicode.GetString(user) == _options.User
            && password == _options.Password;
        if (!signedIn)
        {
            await Send("FAIL");
            var ack = await Recv();
            talk.Result = IsWord(ack, "FAIL") ? "rejected" : "rejected, client did not answer FAIL";
            return;
        }

        await Send("CONF");
        var configurationKind = await Recv();
        string? configuration = null;
        if (IsWord(configurationKind, "NONEMPTYCF"))
        {
            await Send("PASS");
            configuration = Encoding.Unicode.GetString(await Recv());
        }
        else if (!IsWord(configurationKind, "EMPTYCF"))
        {
            talk.Result = "bad configuration marker";
            return;
        }

        if (versionTwoClient)
        {
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            IssuedTokens.Enqueue(token);
            Pend(new PendingSession(token, DateTimeOffset.UtcNow - _options.TokenAge, configuration));
            await Send("TOKEN " + token);
            var ack = await Recv();
            talk.Result = IsWord(ack, "PASS") ? $"accepted (V2, configuration {configuration ?? "default"})" : "token not acknowledged";
        }
        else
        {
            Pend(new PendingSession(null, DateTimeOffset.UtcNow, configuration));
            talk.Result = $"accepted (legacy, configuration {configuration ?? "default"})";
        }

        // The client closes; reading the end keeps the conversation complete before this handler ends.
        await ReceiveOneAsync(stream, 16, ct);
    }

    // ---- the session endpoint (service a5201c21…): pwsh -v2socketservermode / -socketservermode ----

    private async Task HandleSessionAsync(NetworkStream stream, CancellationToken ct)
    {
        // A Hyper-V socket connect waits a while for its listener; the legacy client connects as soon
        // as it has closed the broker connection, possibly before the broker has started PowerShell.
        if (!await _pendingCount.WaitAsync(TimeSpan.FromSeconds(10), ct) || !_pending.TryDequeue(out var pending))
        {
            SessionEvents.Enqueue("refused: the broker started no session");
            return;
        }

        if (pending.Token is { } expected)
        {
            // As PowerShell's ValidateToken: exactly "VERSION", a VERSION_ reply, then TOKEN compared ordinally, 10-minute life.
            if (Text(await ReceiveOneAsync(stream, 7 + 4, ct)) != "VERSION")
            {
                await stream.WriteAsync("FAIL"u8.ToArray(), ct);
                SessionEvents.Enqueue("bad version request");
                return;
            }

            await stream.WriteAsync("VERSION_2"u8.ToArray(), ct);
            if (!Text(await ReceiveOneAsync(stream, 9 + 4, ct)).StartsWith("VERSION_", StringComparison.Ordinal))
            {
                await stream.WriteAsync("FAIL"u8.ToArray(), ct);
                SessionEvents.Enqueue("bad version response");
                return;
            }

            await stream.WriteAsync("PASS"u8.ToArray(), ct);
            var message = Text(await ReceiveOneAsync(stream, 110, ct));
            var token = message.StartsWith("TOKEN ", StringComparison.Ordinal) ? message[6..].Trim() : null;
            if (token != expected || DateTimeOffset.UtcNow - pending.IssuedAt > MaxTokenLife)
            {
                await stream.WriteAsync("FAIL"u8.ToArray(), ct);
                SessionEvents.Enqueue("token rejected");
                return;
            }

            await stream.WriteAsync("PASS"u8.ToArray(), ct);
            SessionEvents.Enqueue("token accepted");
        }
        else
        {
            SessionEvents.Enqueue("no handshake (legacy)");
        }

        await RunServerAsync(stream, pending.ConfigurationName, ct);
    }

    private async Task RunServerAsync(NetworkStream stream, string? configurationName, CancellationToken ct)
    {
        var command = LocalServerPath.Command(configurationName);
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The LocalServer did not start.");
        _servers.Add(process);
        ServersStarted.Enqueue(command.Arguments);
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();

        var toServer = Task.Run(async () =>
        {
            try
            {
                await stream.CopyToAsync(process.StandardInput.BaseStream, ct);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
            finally
            {
                // The client is gone: the server ends when its stdin does.
                try
                {
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                }
            }
        }, CancellationToken.None);
        try
        {
            await process.StandardOutput.BaseStream.CopyToAsync(stream, ct);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }

        stream.Socket.Shutdown(SocketShutdown.Both);
        await toServer.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private void Pend(PendingSession session)
    {
        _pending.Enqueue(session);
        _pendingCount.Release();
    }

    /// <summary>One recv(), as the real peers read: the message is whatever one read returns (empty when closed).</summary>
    private static async Task<byte[]> ReceiveOneAsync(Stream stream, int limit, CancellationToken ct)
    {
        var buffer = new byte[limit];
        var read = await stream.ReadAsync(buffer, ct);
        return buffer[..read];
    }

    private static bool IsWord(byte[] message, string word) => Text(message) == word;

    private static string Text(byte[] message) => Encoding.ASCII.GetString(message).TrimEnd('\0');

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _broker.Stop();
        _session.Stop();
        foreach (var server in _servers)
        {
            try
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }
        }

        await Task.WhenAll(_brokerLoop, _sessionLoop).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        await WaitAllAsync([.. _brokerHandlers, .. _sessionHandlers]);
        _stop.Dispose();
    }

    private sealed record PendingSession(string? Token, DateTimeOffset IssuedAt, string? ConfigurationName);
}
