using Psrp.Fragments;

namespace Psrp.Providers.Container;

/// <summary>Which container to enter, as whom, with which server command, through which engine.</summary>
public sealed record ContainerTransportOptions
{
    /// <summary>The server run when nothing else is configured: PowerShell in stdio server mode, as Start-Job runs it.</summary>
    public const string DefaultServerExecutable = "pwsh";

    /// <summary>The container: a full id, a unique id prefix, or a name (<c>-ContainerId</c>).</summary>
    public required string ContainerId { get; init; }

    /// <summary><c>-ConfigurationName</c>: passed to the server as <c>-ConfigurationName &lt;name&gt;</c>.</summary>
    public string? ConfigurationName { get; init; }

    /// <summary>
    /// <c>-RunAsAdministrator</c>: run the exec as the container's administrator (<c>root</c>, or
    /// <c>ContainerAdministrator</c> in a Windows container). Off: the container's default user.
    /// </summary>
    public bool RunAsAdministrator { get; init; }

    /// <summary>An explicit exec user (<c>name</c>, <c>uid</c>, <c>uid:gid</c>); when set it wins over <see cref="RunAsAdministrator"/>.</summary>
    public string? User { get; init; }

    /// <summary>The server executable inside the container (resolved on the container's PATH).</summary>
    public string ServerExecutable { get; init; } = DefaultServerExecutable;

    /// <summary>Its arguments; <c>-ConfigurationName</c> is appended when <see cref="ConfigurationName"/> is set.</summary>
    public IReadOnlyList<string> ServerArguments { get; init; } = ["-NoLogo", "-NoProfile", "-s"];

    /// <summary>The engine to use.</summary>
    public DockerEngineOptions Engine { get; init; } = new();

    /// <summary>Fragment size, header included (PowerShell: 32 KiB on every out-of-proc transport).</summary>
    public int MaxFragmentSize { get; init; } = Fragmenter.DefaultMaxFragmentSize;

    /// <summary>Wire tuning and recorder from the connect request (its values win over <see cref="MaxFragmentSize"/>).</summary>
    public Psrp.Transport.TransportOptions? Transport { get; init; }

    /// <summary>How long to wait for the server's acknowledgements (Command, Signal, Close).</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the server may take to exit once its stdin is closed before it is killed with a
    /// second exec (Docker has no API to end an exec).
    /// </summary>
    public TimeSpan ExitGracePeriod { get; init; } = TimeSpan.FromSeconds(3);
}
