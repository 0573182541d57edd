using System.Globalization;

namespace Psrp.Host;

/// <summary>
/// A host made of a UI: named <c>psrp</c>, this library's version, the current cultures, and the exit
/// code remote code asked for (<c>exit N</c>: SetShouldExit) kept in <see cref="ShouldExitCode"/>.
/// What the user sees and answers is the UI's business; derive to change anything else.
/// </summary>
public class PsrpHost : IPsrpHost
{
    /// <summary>Creates the host around <paramref name="ui"/> (null: a host without a UI).</summary>
    public PsrpHost(IPsrpHostUI? ui)
    {
        UI = ui;
    }

    /// <inheritdoc />
    public virtual string Name => "psrp";

    /// <inheritdoc />
    public virtual Version Version { get; } = typeof(PsrpHost).Assembly.GetName().Version ?? new Version(1, 0);

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
