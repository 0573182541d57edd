using System.Globalization;
using Psrp.WSMan.Endpoint;

// The endpoint as its own process, so a test can kill it mid-Receive and the benchmark can run
// against it. Prints key=value lines (http=, https=, ca=, user=) and "ready"; runs until stdin
// closes or the process is stopped. The password comes from PSRP_WSMAN_PASSWORD or --password and
// is never printed.
var options = new WSManEndpointOptions();
string? caOut = null;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        int NextInt() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
        options = args[i] switch
        {
            "--port" => options with { HttpPort = NextInt() },
            "--https-port" => options with { HttpsPort = NextInt() },
            "--no-https" => options with { HttpsPort = null },
            "--path" => options with { Path = Next() },
            "--user" => options with { UserName = Next() },
            "--password" => options with { Password = Next() },
            "--allow-basic-over-http" => options with { AllowBasicOverHttp = true },
            "--allow-unencrypted" => options with { AllowUnencrypted = true },
            "--no-negotiate" => options with { AllowNegotiate = false },
            "--keep-alive-timeout" => options with { KeepAliveTimeout = TimeSpan.FromSeconds(NextInt()) },
            "--mismatched-channel-binding" => options with { MismatchedChannelBinding = true },
            "--max-envelope-size" => options with { MaxEnvelopeSize = NextInt() },
            "--operation-timeout" => options with { DefaultOperationTimeout = TimeSpan.FromSeconds(NextInt()) },
            "--max-shells-per-user" => options with { MaxShellsPerUser = NextInt() },
            "--redirect-first" => options with { Redirect = new WSManRedirectOptions(FirstRequests: NextInt()) },
            "--local-server" => options with { LocalServerPath = Next() },
            "--ca-out" => SetCaOut(Next()),
            "-h" or "--help" or "-?" => throw new ArgumentException(string.Empty),
            _ => throw new ArgumentException($"Unknown option {args[i]}."),
        };
    }
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    if (ex.Message.Length > 0)
    {
        Console.Error.WriteLine(ex.Message);
    }

    Console.Error.WriteLine("usage: dotnet Psrp.WSMan.Endpoint.dll [--port N] [--https-port N | --no-https] [--path /wsman] [--user NAME] [--password P]");
    Console.Error.WriteLine("       [--allow-basic-over-http] [--allow-unencrypted] [--no-negotiate] [--mismatched-channel-binding] [--keep-alive-timeout SECONDS] [--max-envelope-size BYTES] [--operation-timeout SECONDS] [--max-shells-per-user N]");
    Console.Error.WriteLine("       [--redirect-first N] [--local-server Psrp.LocalServer.dll] [--ca-out ca.pem]   (PSRP_WSMAN_PASSWORD sets the password)");
    return 2;
}

if (options.Password is null && Environment.GetEnvironmentVariable("PSRP_WSMAN_PASSWORD") is { Length: > 0 } fromEnvironment)
{
    options = options with { Password = fromEnvironment };
}

WSManTestEndpoint endpoint;
try
{
    endpoint = await WSManTestEndpoint.StartAsync(options);
}
catch (Exception ex) when (ex is FileNotFoundException or IOException)
{
    Console.Error.WriteLine(ex.Message);
    return 3;
}

await using var running = endpoint;
if (caOut is not null)
{
    await File.WriteAllTextAsync(caOut, endpoint.CaCertificate.ExportCertificatePem());
}

Console.WriteLine($"http={endpoint.HttpUri}");
if (endpoint.HttpsUri is not null)
{
    Console.WriteLine($"https={endpoint.HttpsUri}");
}

if (caOut is not null)
{
    Console.WriteLine($"ca={Path.GetFullPath(caOut)}");
}

Console.WriteLine($"user={endpoint.UserName}");
Console.WriteLine("ready");
Console.Out.Flush();

// Not disposed: the handlers below may run while the process exits.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

// Stdin closing (the parent test ended) stops the endpoint too.
var stdinClosed = Task.Run(() =>
{
    while (Console.In.ReadLine() is not null)
    {
    }
});
await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
return 0;

WSManEndpointOptions SetCaOut(string path)
{
    caOut = path;
    return options;
}
