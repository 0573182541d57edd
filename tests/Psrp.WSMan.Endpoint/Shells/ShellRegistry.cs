using System.Collections.Concurrent;
using Psrp.WSMan.Endpoint.Soap;

namespace Psrp.WSMan.Endpoint.Shells;

/// <summary>The endpoint's open shells by ShellId, with WinRM's per-user shell quota.</summary>
public sealed class ShellRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WSManShell> _shells = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _reserved = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();
    private readonly int _maxShellsPerUser;

    /// <summary>Creates the registry.</summary>
    public ShellRegistry(int maxShellsPerUser) => _maxShellsPerUser = maxShellsPerUser;

    /// <summary>Open shells.</summary>
    public int Count => _shells.Count;

    /// <summary>The open shells.</summary>
    public IReadOnlyCollection<WSManShell> Shells => _shells.Values.ToArray();

    /// <summary>Takes a shell slot for <paramref name="user"/>, or throws the QuotaLimit fault.</summary>
    public void Reserve(string user)
    {
        lock (_gate)
        {
            var used = _reserved.GetValueOrDefault(user);
            if (used >= _maxShellsPerUser)
            {
                throw WSManFaults.ShellQuota(_maxShellsPerUser);
            }

            _reserved[user] = used + 1;
        }
    }

    /// <summary>Gives a slot back.</summary>
    public void Release(string user)
    {
        lock (_gate)
        {
            _reserved[user] = Math.Max(0, _reserved.GetValueOrDefault(user) - 1);
        }
    }

    /// <summary>Adds a created shell.</summary>
    public bool TryAdd(WSManShell shell) => _shells.TryAdd(shell.ShellId, shell);

    /// <summary>The shell of a request, or the unknown-shell fault; another user's shell is access denied.</summary>
    public WSManShell Get(string? shellId, string user)
    {
        if (shellId is null || !_shells.TryGetValue(shellId, out var shell))
        {
            throw WSManFaults.UnknownShell(shellId);
        }

        return string.Equals(shell.Owner, user, StringComparison.OrdinalIgnoreCase)
            ? shell
            : throw WSManFaults.AccessDenied($"The shell {shellId} belongs to another user.");
    }

    /// <summary>Removes a shell (after Delete).</summary>
    public bool TryRemove(WSManShell shell)
    {
        if (_shells.TryRemove(new KeyValuePair<string, WSManShell>(shell.ShellId, shell)))
        {
            Release(shell.Owner);
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var all = _shells.Values.ToArray();
        _shells.Clear();
        await Task.WhenAll(all.Select(s => s.DeleteAsync(CancellationToken.None))).ConfigureAwait(false);
    }
}
