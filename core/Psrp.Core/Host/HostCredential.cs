namespace Psrp.Host;

/// <summary>
/// A user name and password given in answer to PromptForCredential or a credential prompt field.
/// The password never appears in <see cref="ToString"/>.
/// </summary>
/// <param name="UserName">The user name.</param>
/// <param name="Password">The password, in clear; the session encrypts it before sending.</param>
public sealed record HostCredential(string UserName, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"HostCredential {{ UserName = {UserName} }}";
}
