namespace Psrp.Providers.Ssh;

/// <summary>
/// What to do with a server's host key that the known_hosts files do not vouch for: OpenSSH's
/// <c>StrictHostKeyChecking</c>, less <c>ask</c>, which needs a person at a terminal.
/// </summary>
public enum StrictHostKeyChecking
{
    /// <summary>
    /// <c>yes</c> (the default here): connect only to hosts whose key is already in a known_hosts
    /// file; unknown and changed keys fail. OpenSSH's own default is <c>ask</c>; an in-process
    /// library cannot ask, so it takes the secure choice.
    /// </summary>
    Yes,

    /// <summary><c>accept-new</c>: add unknown hosts' keys to the user known_hosts file; changed keys still fail.</summary>
    AcceptNew,

    /// <summary>
    /// <c>no</c> / <c>off</c>: add unknown hosts' keys, and connect even when a key changed (a warning is
    /// logged and, as OpenSSH does, password and keyboard-interactive authentication are not
    /// attempted, so a man in the middle cannot collect the password).
    /// </summary>
    No,
}
