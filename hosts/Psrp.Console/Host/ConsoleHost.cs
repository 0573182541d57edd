using System.Globalization;
using Psrp.Host;

namespace Psrp.Cli.Host;

/// <summary>
/// The host remote code sees in <c>psrp enter</c>: its output, prompts, credentials and choices are
/// shown and answered at this console.
/// </summary>
internal sealed class ConsoleHost : IPsrpHost
{
    public ConsoleHost(ConsoleHostUI ui)
    {
        UI = ui;
    }

    public string Name => "psrp";

    public Version Version { get; } = typeof(ConsoleHost).Assembly.GetName().Version ?? new Version(1, 0);

    public Guid InstanceId { get; } = Guid.NewGuid();

    public CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public IPsrpHostUI UI { get; }

    /// <summary>The exit code remote code asked for (SetShouldExit), if it did; the session then ends.</summary>
    public int? ShouldExitCode { get; private set; }

    public void SetShouldExit(int exitCode) => ShouldExitCode = exitCode;

    public void NotifyBeginApplication()
    {
    }

    public void NotifyEndApplication()
    {
    }
}
