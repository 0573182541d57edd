using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Psrp.OutOfProc;
using Psrp.Plugin.Loopback.Helper;
using Psrp.Transport;

namespace Psrp.Plugin.Loopback;

/// <summary>
/// Starts PowerShell's server from a LocalServer build and speaks the out-of-proc framing on its
/// stdio. The server is, in order: the target's path (<c>loopback:///path/to/Psrp.LocalServer.dll</c>),
/// the <c>server</c> provider setting, or <c>PSRP_LOCAL_SERVER</c>.
/// </summary>
[ExportTransportProvider(Name, Schemes = ["loopback"], Description = "Test plugin: PowerShell's server in a child process over stdio")]
public sealed class LoopbackTransportProvider : ITransportProvider
{
    /// <summary>The provider's name.</summary>
    public const string Name = "loopback";

    /// <summary>The provider setting naming the server.</summary>
    public const string ServerSetting = "server";

    /// <summary>The logger category the plugin logs under.</summary>
    public const string LogCategory = "Psrp.Plugin.Loopback";

    private static readonly Action<ILogger, string, Exception?> LogStarting =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(1, "Starting"), "Loopback plugin starting server {Server}");

    /// <inheritdoc />
    public ValueTask<IPsrpTransport> ConnectAsync(TransportConnectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var server = FindServer(request);
        LogStarting(request.LoggerFactory.CreateLogger(LogCategory), server, null);

        var (fileName, arguments) = ServerCommandLine.For(server);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new PsrpTransportException(Name, TransportPhase.Connect, $"could not start {fileName}: {ex.Message}", ex);
        }

        // Drained so a chatty server never blocks on a full stderr pipe.
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        IPsrpTransport transport = new OutOfProcTransport(
            process.StandardOutput.BaseStream,
            process.StandardInput.BaseStream,
            new OutOfProcTransportOptions { Name = Name },
            new ChildProcess(process));
        return ValueTask.FromResult(transport);
    }

    private static string FindServer(TransportConnectRequest request)
    {
        var server = request.Target.Path
            ?? (request.Parameters.ProviderSettings?.TryGetValue(ServerSetting, out var setting) == true ? setting : null)
            ?? Environment.GetEnvironmentVariable("PSRP_LOCAL_SERVER");
        if (string.IsNullOrEmpty(server) || !File.Exists(server))
        {
            throw new PsrpTransportException(
                Name,
                TransportPhase.Connect,
                $"no server to start ('{server}' does not exist). Give loopback:///path/to/Psrp.LocalServer.dll, the '{ServerSetting}' provider setting, or PSRP_LOCAL_SERVER.");
        }

        return server;
    }
}
