using Psrp.Host;

namespace Psrp.Integration.Tests.Tuning;

/// <summary>A host that answers every secret prompt with <see cref="Secret"/>, so a trace can be searched for it.</summary>
internal sealed class TestSecretHost : IPsrpHost
{
    public const string Secret = "Tr4ce-n0t-me!Xq";

    public string Name => "TraceTestHost";

    public Version Version => new(1, 0);

    public Guid InstanceId { get; } = Guid.NewGuid();

    public System.Globalization.CultureInfo CurrentCulture => System.Globalization.CultureInfo.InvariantCulture;

    public System.Globalization.CultureInfo CurrentUICulture => System.Globalization.CultureInfo.InvariantCulture;

    public IPsrpHostUI? UI { get; } = new SecretUI();

    public void SetShouldExit(int exitCode)
    {
    }

    public void NotifyBeginApplication()
    {
    }

    public void NotifyEndApplication()
    {
    }

    private sealed class SecretUI : NonInteractiveHostUI
    {
        public override ValueTask<string> ReadLineAsSecureStringAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Secret);

        public override ValueTask<HostCredential> PromptForCredentialAsync(string caption, string message, string? userName, string? targetName, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new HostCredential(userName ?? "someone", Secret));
    }
}
