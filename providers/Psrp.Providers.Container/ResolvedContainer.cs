namespace Psrp.Providers.Container;

/// <summary>The running container a session enters, as the engine reported it.</summary>
/// <param name="Id">The full container id.</param>
/// <param name="Name">Its name, without Docker's leading slash.</param>
/// <param name="Platform">Its operating system (<c>linux</c> or <c>windows</c>).</param>
internal sealed record ResolvedContainer(string Id, string Name, string Platform);
