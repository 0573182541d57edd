using System.Globalization;

namespace Psrp.Host;

/// <summary>
/// A host that shows output but cannot ask the user anything: every prompt fails with a
/// <see cref="PsrpHostException"/> that names the request, which the remote command receives as
/// its error. Host output goes to <see cref="NonInteractiveHostUI.Output"/> when one is given.
/// </summary>
public class NonInteractiveHost : IPsrpHost
{
    /// <summary>Creates the host; <paramref name="output"/> receives host output lines (null: discarded).</summary>
    public NonInteractiveHost(TextWriter? output = null)
    {
        UI = new NonInteractiveHostUI(output);
    }

    /// <inheritdoc />
    public virtual string Name => "psrp";

    /// <inheritdoc />
    public virtual Version Version { get; } = typeof(NonInteractiveHost).Assembly.GetName().Version ?? new Version(1, 0);

    /// <inheritdoc />
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <inheritdoc />
    public virtual CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    /// <inheritdoc />
    public virtual CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    /// <inheritdoc />
    public IPsrpHostUI? UI { get; }

    /// <summary>The exit code the remote session asked for, if it did.</summary>
    public int? ShouldExitCode { get; private set; }

    /// <inheritdoc />
    public virtual void SetShouldExit(int exitCode) => ShouldExitCode = exitCode;

    /// <inheritdoc />
    public virtual void NotifyBeginApplication()
    {
    }

    /// <inheritdoc />
    public virtual void NotifyEndApplication()
    {
    }
}
