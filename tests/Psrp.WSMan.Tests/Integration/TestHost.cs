using System.Collections.Concurrent;
using System.Globalization;
using Psrp.Host;

namespace Psrp.WSMan.Tests.Integration;

/// <summary>A host whose UI answers ReadLine and records what the server asked.</summary>
internal sealed class TestHost : IPsrpHost
{
    public TestHostUI TestUI { get; } = new();

    public string Name => "WSManTestHost";

    public Version Version => new(1, 0);

    public Guid InstanceId { get; } = Guid.NewGuid();

    public CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

    public CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public IPsrpHostUI? UI => TestUI;

    public void SetShouldExit(int exitCode)
    {
    }

    public void NotifyBeginApplication()
    {
    }

    public void NotifyEndApplication()
    {
    }

    internal sealed class TestHostUI : NonInteractiveHostUI
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public override ValueTask<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            Calls.Enqueue("ReadLine");
            return ValueTask.FromResult("typed over pr");
        }
    }
}
