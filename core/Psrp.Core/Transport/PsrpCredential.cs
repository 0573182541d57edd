namespace Psrp.Transport;

/// <summary>
/// A user name and password (PowerShell's PSCredential), with the domain split the way
/// PowerShell does it (<c>DOMAIN\user</c> or <c>user@domain</c>). The password never appears in
/// <see cref="ToString"/>, logs or exception messages.
/// </summary>
public sealed class PsrpCredential
{
    /// <summary>Creates a credential; <paramref name="password"/> may be empty (e.g. key-based SSH with a user name only).</summary>
    public PsrpCredential(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentNullException.ThrowIfNull(password);
        UserName = userName;
        Password = password;
    }

    /// <summary>The user name as given (may include a domain).</summary>
    public string UserName { get; }

    /// <summary>The password, in clear. Handle with care.</summary>
    public string Password { get; }

    /// <summary>The domain part, or null when the user name has none.</summary>
    public string? Domain => Split().Domain;

    /// <summary>The user part without the domain.</summary>
    public string User => Split().User;

    private (string? Domain, string User) Split()
    {
        var backslash = UserName.IndexOf('\\', StringComparison.Ordinal);
        if (backslash > 0)
        {
            return (UserName[..backslash], UserName[(backslash + 1)..]);
        }

        var at = UserName.LastIndexOf('@');
        return at > 0 ? (UserName[(at + 1)..], UserName[..at]) : (null, UserName);
    }

    /// <inheritdoc />
    public override string ToString() => $"PsrpCredential {{ UserName = {UserName} }}";
}
