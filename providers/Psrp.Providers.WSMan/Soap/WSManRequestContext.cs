using System.Globalization;

namespace Psrp.Providers.WSMan.Soap;

/// <summary>
/// What every request of one shell shares: the endpoint it is addressed to, the resource URI of the
/// session configuration, the client session id, the envelope size limit and the locales.
/// </summary>
internal sealed record WSManRequestContext
{
    /// <summary>The endpoint URL (<c>wsa:To</c>).</summary>
    public required Uri To { get; init; }

    /// <summary><c>http://schemas.microsoft.com/powershell/&lt;ConfigurationName&gt;</c>.</summary>
    public required string ResourceUri { get; init; }

    /// <summary>The client session id (<c>wsmv:SessionId</c>): constant per client session so a later Reconnect can name it.</summary>
    public Guid SessionId { get; init; } = Guid.NewGuid();

    /// <summary>The largest envelope either side may send (<c>wsman:MaxEnvelopeSize</c>).</summary>
    public required int MaxEnvelopeSize { get; init; }

    /// <summary>The server's deadline for one operation (<c>wsman:OperationTimeout</c>).</summary>
    public required TimeSpan OperationTimeout { get; init; }

    /// <summary>The UI culture (<c>wsman:Locale</c>).</summary>
    public string Locale { get; init; } = "en-US";

    /// <summary>The data culture (<c>wsmv:DataLocale</c>).</summary>
    public string DataLocale { get; init; } = "en-US";

    /// <summary>An xs:duration with milliseconds, as PowerShell writes it (<c>PT180.000S</c>).</summary>
    public static string Duration(TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"PT{Math.Max(0, value.TotalSeconds):0.000}S");
}
