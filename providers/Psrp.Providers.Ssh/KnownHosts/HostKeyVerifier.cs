using Microsoft.Extensions.Logging;
using Renci.SshNet;

namespace Psrp.Providers.Ssh.KnownHosts;

/// <summary>
/// Decides whether to trust the server's host key, with OpenSSH's <c>StrictHostKeyChecking</c>
/// rules over the user's and the system's known_hosts files, and adds new keys to the first user
/// file when the policy allows. Runs inside SSH.NET's key exchange; a refusal is kept in
/// <see cref="Rejection"/> so the connection can throw it instead of SSH.NET's generic
/// "key exchange negotiation failed".
/// </summary>
internal sealed class HostKeyVerifier
{
    private readonly SshConnectionSettings _settings;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<string> _userFiles;
    private readonly IReadOnlyList<string> _globalFiles;

    public HostKeyVerifier(SshConnectionSettings settings, ILogger logger)
    {
        _settings = settings;
        _logger = logger;
        _userFiles = settings.UserKnownHostsFiles.Select(SshConnectionSettings.ExpandHome).ToArray();
        _globalFiles = settings.GlobalKnownHostsFiles.Select(SshConnectionSettings.ExpandHome).ToArray();
        HostName = settings.KnownHostsName;
    }

    /// <summary>The name the host is filed under.</summary>
    public string HostName { get; }

    /// <summary>Why the key was refused, once it was.</summary>
    public SshHostKeyRejectedException? Rejection { get; private set; }

    /// <summary>True when a changed key was let through (<c>StrictHostKeyChecking no</c>): passwords must not be sent.</summary>
    public bool AcceptedChangedKey { get; private set; }

    /// <summary>The accepted key's fingerprint.</summary>
    public string? Fingerprint { get; private set; }

    /// <summary>
    /// Moves the host-key algorithms of keys already on file for this host to the front of the
    /// client's list, as OpenSSH does, so a server with several host keys offers the one we know.
    /// </summary>
    public void PreferKnownAlgorithms(ConnectionInfo connectionInfo)
    {
        var known = KnownHostsLookup.KnownKeyTypes(ReadAll(), HostName)
            .SelectMany(SshKeyBlob.AlgorithmsFor)
            .ToHashSet(StringComparer.Ordinal);
        var algorithms = connectionInfo.HostKeyAlgorithms;
        var preferred = algorithms.Keys.Where(known.Contains).ToArray();
        for (var i = 0; i < preferred.Length; i++)
        {
            algorithms.SetPosition(preferred[i], i);
        }
    }

    /// <summary>SSH.NET's <c>HostKeyReceived</c> handler.</summary>
    public void OnHostKeyReceived(object? sender, Renci.SshNet.Common.HostKeyEventArgs e)
    {
        try
        {
            e.CanTrust = Check(e.HostKey);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // A known_hosts file we cannot read or write must not let an unchecked key through.
            Rejection = new SshHostKeyRejectedException(HostName, HostKeyStatus.Unknown, "?", "?", $"the host key of {HostName} could not be checked: {ex.Message}");
            e.CanTrust = false;
        }
    }

    /// <summary>Checks <paramref name="key"/> (an SSH public key blob); returns whether to trust it.</summary>
    public bool Check(byte[] key)
    {
        var keyType = SshKeyBlob.KeyType(key);
        var fingerprint = SshKeyBlob.Fingerprint(key);
        var lookup = KnownHostsLookup.Find(ReadAll(), HostName, key);
        var policy = _settings.StrictHostKeyChecking;
        switch (lookup.Status)
        {
            case HostKeyStatus.Known:
                _logger.LogDebug("Host key {KeyType} {Fingerprint} of {Host} matches {Location}", keyType, fingerprint, HostName, lookup.Entries[0].Location);
                Fingerprint = fingerprint;
                return true;

            case HostKeyStatus.Revoked:
                Rejection = new SshHostKeyRejectedException(HostName, lookup.Status, keyType, fingerprint,
                    $"the host key of {HostName} ({keyType} {fingerprint}) is marked @revoked in {lookup.Entries[0].Location}; refusing to connect.");
                return false;

            case HostKeyStatus.Changed when policy == StrictHostKeyChecking.No:
                _logger.LogWarning(
                    "The host key of {Host} ({KeyType} {Fingerprint}) differs from {Locations}; connecting anyway because StrictHostKeyChecking is no. Password and keyboard-interactive authentication are disabled to avoid man-in-the-middle attacks.",
                    HostName, keyType, fingerprint, string.Join(", ", lookup.Entries.Select(x => x.Location)));
                AcceptedChangedKey = true;
                Fingerprint = fingerprint;
                return true;

            case HostKeyStatus.Changed:
                Rejection = new SshHostKeyRejectedException(HostName, lookup.Status, keyType, fingerprint,
                    $"REMOTE HOST IDENTIFICATION HAS CHANGED: the {keyType} host key of {HostName} is now {fingerprint}, which does not match " +
                    $"{string.Join(", ", lookup.Entries.Select(x => x.Location))}. Someone could be eavesdropping on you (a man-in-the-middle attack), " +
                    $"or the host key was just replaced. If the change is expected, remove the old key (ssh-keygen -R \"{HostName}\") and connect again.");
                return false;

            case HostKeyStatus.Unknown when policy == StrictHostKeyChecking.Yes:
                Rejection = new SshHostKeyRejectedException(HostName, lookup.Status, keyType, fingerprint,
                    $"the host key of {HostName} ({keyType} {fingerprint}) is not in any known_hosts file ({DescribeFiles()}) and StrictHostKeyChecking is yes. " +
                    "Verify the fingerprint with the server's administrator, then add the key to known_hosts " +
                    $"(e.g. ssh-keyscan{PortArgument()} {_settings.Host} >> ~/.ssh/known_hosts), or connect once with -Options @{{StrictHostKeyChecking='accept-new'}}.");
                return false;

            default:
                Learn(key, keyType, fingerprint);
                Fingerprint = fingerprint;
                return true;
        }
    }

    private void Learn(byte[] key, string keyType, string fingerprint)
    {
        if (_userFiles.Count == 0)
        {
            _logger.LogWarning("Accepted new host key {KeyType} {Fingerprint} for {Host}; not saved (no user known_hosts file).", keyType, fingerprint, HostName);
            return;
        }

        KnownHostsFile.Append(_userFiles[0], HostName, key, _settings.HashKnownHosts);
        _logger.LogWarning("Permanently added {Host} ({KeyType} {Fingerprint}) to the list of known hosts in {File}.", HostName, keyType, fingerprint, _userFiles[0]);
    }

    private List<KnownHostEntry> ReadAll()
    {
        var entries = new List<KnownHostEntry>();
        foreach (var file in _userFiles.Concat(_globalFiles))
        {
            entries.AddRange(KnownHostsFile.Read(file));
        }

        return entries;
    }

    private string DescribeFiles()
    {
        var files = _userFiles.Concat(_globalFiles).ToArray();
        return files.Length == 0 ? "none configured" : string.Join(", ", files);
    }

    private string PortArgument() =>
        _settings.Port == SshConnectionSettings.DefaultPort ? string.Empty : $" -p {_settings.Port}";
}
