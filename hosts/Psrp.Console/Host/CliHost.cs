using System.Globalization;
using Psrp.Host;

namespace Psrp.Cli.Host;

/// <summary>
/// What remote code sees of psrp's host in both commands (name, version, cultures, and <c>exit N</c>
/// kept as the exit code); the UI differs: <see cref="ConsoleHost"/> for <c>enter</c>,
/// <see cref="InvokeHost"/> for <c>invoke</c>.
/// </summary>
internal abstract class CliHost(IPsrpHostUI ui) : IPsrpHost
{
    public string Name => "psrp";

    public Version Version { get; } = typeof(CliHost).Assembly.GetName().Version ?? new Version(1, 0);

    public Guid InstanceId { get; } = Guid.NewGuid();

    public CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public IPsrpHostUI UI { get; } = ui;

    /// <summary>The exit code remote code asked for (<c>exit N</c>: SetShouldExit), if it did.</summary>
    public int? ShouldExitCode { get; private set; }

    public void SetShouldExit(int exitCode) => ShouldExitCode = exitCode;

    public void NotifyBeginApplication()
    {
    }

    public void NotifyEndApplication()
    {
    }
}
