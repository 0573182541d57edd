using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Docker.DotNet;
using Psrp.Transport;

namespace Psrp.Providers.Container;

/// <summary>Turns what the Docker client throws into Connect-phase transport errors that say what to do.</summary>
internal static class EngineErrors
{
    /// <summary>Whether <paramref name="ex"/> means the engine could not be reached or did not answer (not that it refused).</summary>
    /// <remarks>The client's own HTTP handler reports a refused connection as an <see cref="AggregateException"/>.</remarks>
    public static bool IsUnreachable(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HttpRequestException or SocketException or IOException or TimeoutException or AuthenticationException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => IsUnreachable(e, cancellationToken)),
        _ => false,
    };

    public static PsrpTransportException Unreachable(DockerEngine engine, Exception ex)
    {
        var message = Find<AuthenticationException>(ex) is { } tls
            ? $"cannot reach the Docker engine at {engine.Display}: the TLS handshake failed: {tls.Message} Check the engine's certificate against ca.pem, and the client certificate (DOCKER_CERT_PATH or the '{ContainerSettings.CertPath}' setting)."
            : ex is OperationCanceledException or TimeoutException
                ? $"the Docker engine at {engine.Display} did not answer in time. Check that dockerd runs and is not overloaded, or raise the '{ContainerSettings.Timeout}' setting."
                : $"cannot reach the Docker engine at {engine.Display}: {Innermost(ex)}. Check that dockerd runs and that DOCKER_HOST or the '{ContainerSettings.Host}' setting names it.";
        return Connect(message, ex);
    }

    public static PsrpTransportException ContainerNotFound(DockerEngine engine, string container, Exception ex) => Connect(
        $"no container '{container}' on the Docker engine at {engine.Display}. Give a full id, a unique id prefix or a name; 'docker ps' lists the running containers.",
        ex);

    public static PsrpTransportException NotRunning(string container, string name, string id, string status) => Connect(
        $"container '{container}' ({name}, {Short(id)}) is {status}, not running: PowerShell can only be started in a running container. Start it first (docker start {name}).");

    public static PsrpTransportException Refused(DockerEngine engine, string what, DockerApiException ex) => Connect(
        $"the Docker engine at {engine.Display} refused to {what}: {Message(ex)} (HTTP {(int)ex.StatusCode}).",
        ex);

    /// <summary>The engine's own message from an error body (<c>{"message": "…"}</c>), else the body.</summary>
    public static string Message(DockerApiException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var body = ex.ResponseBody?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return ex.StatusCode.ToString();
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 500 ? body[..500] : body;
    }

    public static bool IsNotFound(DockerApiException ex) => ex.StatusCode == HttpStatusCode.NotFound;

    public static string Short(string id) => id.Length > 12 ? id[..12] : id;

    private static T? Find<T>(Exception ex)
        where T : Exception
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }

            if (e is AggregateException { InnerExceptions.Count: > 0 } aggregate && Find<T>(aggregate.InnerExceptions[0]) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    private static string Innermost(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (!string.IsNullOrWhiteSpace(e.Message) && !messages.Contains(e.Message))
            {
                messages.Add(e.Message.TrimEnd('.'));
            }
        }

        return string.Join(": ", messages);
    }

    private static PsrpTransportException Connect(string message, Exception? inner = null) =>
        new(ContainerTransportProvider.Name, TransportPhase.Connect, message, inner);
}
