using Psrp.Fragments;

namespace Psrp.Providers.Process;

/// <summary>Which PowerShell server process to start and how.</summary>
public sealed record ProcessTransportOptions
{
    /// <summary>
    /// The server executable. Null: <c>pwsh</c> from PATH (run as <c>pwsh -s -NoLogo -NoProfile</c>,
    /// what Start-Job runs), else the bundled local endpoint (<c>Psrp.LocalServer</c>) next to the
    /// application or named by <c>PSRP_LOCAL_SERVER</c>.
    /// </summary>
    public string? FileName { get; init; }

    /// <summary>Arguments for <see cref="FileName"/>; ignored when it is null (the defaults above apply).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>A session configuration, passed to the server as <c>-ConfigurationName</c>.</summary>
    public string? ConfigurationName { get; init; }

    /// <summary>Working directory of the server process (default: the current directory).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables for the server process.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Fragment size, header included (PowerShell: 32 KiB on every out-of-proc transport).</summary>
    public int MaxFragmentSize { get; init; } = Fragmenter.DefaultMaxFragmentSize;

    /// <summary>How long to wait for the server's acknowledgements (Command, Signal, Close).</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wire tuning and recorder from the connect request (its values win over <see cref="MaxFragmentSize"/>).</summary>
    public Psrp.Transport.TransportOptions? Transport { get; init; }

    /// <summary>How long a closing server may take to exit before it is killed.</summary>
    public TimeSpan ExitGracePeriod { get; init; } = TimeSpan.FromSeconds(2);
}
