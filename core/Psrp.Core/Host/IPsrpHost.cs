using System.Globalization;

namespace Psrp.Host;

/// <summary>
/// The client-side host a server's host calls are routed to (PowerShell's PSHost, seen from the
/// remote end). Give one to a runspace pool to answer Read-Host, prompts, credentials and choices
/// and to show host output; without one the pool announces no host and the server fails such
/// requests itself with PowerShell's non-interactive error.
/// </summary>
public interface IPsrpHost
{
    /// <summary>The host name reported to the server (GetName).</summary>
    string Name { get; }

    /// <summary>The host version (GetVersion).</summary>
    Version Version { get; }

    /// <summary>The host instance id (GetInstanceId).</summary>
    Guid InstanceId { get; }

    /// <summary>The culture (GetCurrentCulture).</summary>
    CultureInfo CurrentCulture { get; }

    /// <summary>The UI culture (GetCurrentUICulture).</summary>
    CultureInfo CurrentUICulture { get; }

    /// <summary>The user interface, or null for a host without one.</summary>
    IPsrpHostUI? UI { get; }

    /// <summary>The remote session asked to exit (SetShouldExit, e.g. <c>exit 3</c> in a nested session).</summary>
    void SetShouldExit(int exitCode);

    /// <summary>A native application is about to start on the server.</summary>
    void NotifyBeginApplication();

    /// <summary>A native application ended on the server.</summary>
    void NotifyEndApplication();
}
