using Microsoft.Extensions.Logging;
using Psrp.Transport;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Psrp.Providers.Ssh;

/// <summary>
/// The authentication methods offered to the server, in the order of
/// <see cref="SshConnectionSettings.PreferredAuthentications"/>: public keys from the identity
/// files, the password for keyboard-interactive prompts, and the password itself. Loaded key files
/// are owned here and disposed with it.
/// </summary>
internal sealed class SshAuthentication : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly List<AuthenticationMethod> _methods = [];
    private readonly List<string> _descriptions = [];

    private SshAuthentication()
    {
    }

    /// <summary>The methods, in preference order (SSH.NET tries them in this order among those the server allows).</summary>
    public AuthenticationMethod[] Methods => [.. _methods];

    /// <summary>What is offered, for error messages: <c>publickey (path)</c>, <c>keyboard-interactive</c>, <c>password</c>. No secrets.</summary>
    public IReadOnlyList<string> Descriptions => _descriptions;

    /// <summary>
    /// Builds the methods. Explicit identity files must load: a missing file, or an encrypted key
    /// without (or with a wrong) passphrase, is a connect error saying so. Default identity files
    /// that cannot be loaded are skipped, as OpenSSH skips keys it cannot use without prompting.
    /// </summary>
    public static SshAuthentication Create(SshConnectionSettings settings, ILogger logger)
    {
        var auth = new SshAuthentication();
        try
        {
            var user = settings.WireUserName;
            foreach (var method in settings.PreferredAuthentications)
            {
                switch (method.ToLowerInvariant())
                {
                    case "publickey" when settings.PubkeyAuthentication:
                        auth.AddPublicKeys(settings, user, logger);
                        break;
                    case "keyboard-interactive" when settings.KeyboardInteractiveAuthentication && settings.Password is not null:
                        auth.AddKeyboardInteractive(user, settings.Password, logger);
                        break;
                    case "password" when settings.PasswordAuthentication && settings.Password is not null:
                        var password = new PasswordAuthenticationMethod(user, settings.Password);
                        auth._owned.Add(password);
                        auth._methods.Add(password);
                        auth._descriptions.Add("password");
                        break;
                }
            }

            if (auth._methods.Count == 0)
            {
                // SSH.NET needs at least one method; "none" lets a server that requires nothing in.
                auth._methods.Add(new NoneAuthenticationMethod(user));
                auth._descriptions.Add("none");
            }

            return auth;
        }
        catch
        {
            auth.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Withdraws the methods that reveal the password (after a changed host key was accepted under
    /// <c>StrictHostKeyChecking no</c>, as OpenSSH does), by putting a harmless <c>none</c> method in
    /// their slots: SSH.NET reads the list only when authentication starts, after the key exchange.
    /// </summary>
    public static void WithdrawPasswordMethods(ConnectionInfo connectionInfo, string user)
    {
        var methods = connectionInfo.AuthenticationMethods;
        for (var i = 0; i < methods.Count; i++)
        {
            if (methods[i] is PasswordAuthenticationMethod or KeyboardInteractiveAuthenticationMethod)
            {
                methods[i] = new NoneAuthenticationMethod(user);
            }
        }
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
    }

    private void AddPublicKeys(SshConnectionSettings settings, string user, ILogger logger)
    {
        var keys = new List<IPrivateKeySource>();
        var loaded = new List<string>();
        foreach (var path in settings.IdentityFiles)
        {
            keys.Add(LoadExplicit(path, settings.KeyPassphrase));
            loaded.Add(path);
        }

        if (settings.IdentityFiles.Count == 0 && settings.UseDefaultIdentityFiles)
        {
            foreach (var path in SshConnectionSettings.DefaultIdentityFiles)
            {
                if (TryLoadDefault(path, settings.KeyPassphrase, logger) is { } key)
                {
                    keys.Add(key);
                    loaded.Add(path);
                }
            }
        }

        if (keys.Count == 0)
        {
            return;
        }

        var method = new PrivateKeyAuthenticationMethod(user, [.. keys]);
        _owned.Add(method);
        _methods.Add(method);
        _descriptions.Add($"publickey ({string.Join(", ", loaded)})");
    }

    private void AddKeyboardInteractive(string user, string password, ILogger logger)
    {
        var method = new KeyboardInteractiveAuthenticationMethod(user);
        var answered = false;
        method.AuthenticationPrompt += (_, e) =>
        {
            foreach (var prompt in e.Prompts)
            {
                // The password answers the first hidden prompt only: a second round (a wrong
                // password, or a one-time code) would otherwise get the password again and again.
                var isPassword = !prompt.IsEchoed && !answered;
                logger.LogDebug("Keyboard-interactive prompt '{Prompt}' ({Answer})", prompt.Request.Trim(), isPassword ? "answered with the password" : "left empty");
                prompt.Response = isPassword ? password : string.Empty;
                answered |= isPassword;
            }
        };
        _owned.Add(method);
        _methods.Add(method);
        _descriptions.Add("keyboard-interactive");
    }

    private PrivateKeyFile LoadExplicit(string path, string? passphrase)
    {
        var full = SshConnectionSettings.ExpandHome(path);
        if (!File.Exists(full))
        {
            throw new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect, $"the identity file '{full}' does not exist. Check -KeyFilePath or the IdentityFile option.");
        }

        try
        {
            var key = new PrivateKeyFile(full, passphrase);
            _owned.Add(key);
            return key;
        }
        catch (SshPassPhraseNullOrEmptyException ex)
        {
            throw new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect,
                $"the identity file '{full}' is encrypted; give its passphrase as the password of -Credential (or SshConnectionSettings.KeyPassphrase).", ex);
        }
        catch (Exception ex) when (ex is SshException or System.Security.Cryptography.CryptographicException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException or IOException or UnauthorizedAccessException)
        {
            // Never echo the passphrase; SSH.NET's messages do not contain it.
            var hint = passphrase is null ? string.Empty : " If it is encrypted, check the passphrase.";
            throw new PsrpTransportException(SshTransportProvider.Name, TransportPhase.Connect,
                $"the identity file '{full}' could not be loaded ({ex.GetType().Name}: {ex.Message}). OpenSSH, PEM and PuTTY private keys are supported.{hint}", ex);
        }
    }

    private PrivateKeyFile? TryLoadDefault(string path, string? passphrase, ILogger logger)
    {
        var full = SshConnectionSettings.ExpandHome(path);
        if (!File.Exists(full))
        {
            return null;
        }

        try
        {
            var key = new PrivateKeyFile(full, passphrase);
            _owned.Add(key);
            return key;
        }
        catch (Exception ex) when (ex is SshException or System.Security.Cryptography.CryptographicException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException or IOException or UnauthorizedAccessException)
        {
            logger.LogDebug("Skipping default identity file {Path}: {Reason}", full, ex.Message);
            return null;
        }
    }
}
