using System.Text.RegularExpressions;
using Psrp.Transport;

namespace Psrp.Diagnostics;

/// <summary>
/// Finds the base64 PSRP payloads inside WSMan envelopes (psrp-facts §10): <c>creationXml</c>,
/// <c>connectXml</c>, <c>connectResponseXml</c>, <c>rsp:Arguments</c> and <c>rsp:Stream</c>, and which
/// channel (shell or CommandId) and stream (<c>pr</c> is PromptResponse) each belongs to.
/// </summary>
internal static partial class WsmanStreams
{
    [GeneratedRegex(@"<(?<tag>(?:[\w.-]+:)?(?:Stream|creationXml|connectXml|connectResponseXml|Arguments))\b(?<attrs>[^>]*)>(?<b64>[A-Za-z0-9+/=\s]+)</\k<tag>>", RegexOptions.CultureInvariant)]
    public static partial Regex Base64Element();

    [GeneratedRegex(@"CommandId\s*=\s*[""'](?<id>[^""']+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommandIdAttribute();

    [GeneratedRegex(@"Name\s*=\s*[""'](?<name>[^""']+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex NameAttribute();

    /// <summary>The CommandId (lower case) of a stream element, or the empty GUID for the shell.</summary>
    public static string Channel(string attributes)
    {
        var match = CommandIdAttribute().Match(attributes);
        return match.Success && Guid.TryParse(match.Groups["id"].Value, out var id) ? id.ToString() : Guid.Empty.ToString();
    }

    /// <summary><c>pr</c> streams carry host responses (PromptResponse); everything else is Default.</summary>
    public static PsrpStreamKind StreamKind(string attributes)
    {
        var match = NameAttribute().Match(attributes);
        return match.Success && match.Groups["name"].Value == "pr" ? PsrpStreamKind.PromptResponse : PsrpStreamKind.Default;
    }
}
