using Psrp.Cli.Cli;

namespace Psrp.Cli.Invocation;

/// <summary>How <c>psrp invoke</c> writes output objects to stdout.</summary>
internal enum OutputFormat
{
    /// <summary>As an interactive session shows them.</summary>
    Text,

    /// <summary>JSON Lines: one JSON value per object.</summary>
    Json,

    /// <summary>One CLIXML document (<c>&lt;Objs Version="1.1.0.1"&gt;</c>), as Export-Clixml writes.</summary>
    Clixml,
}

/// <summary>Parses <c>--output</c>.</summary>
internal static class OutputFormats
{
    public static OutputFormat Parse(string? text) => text?.ToLowerInvariant() switch
    {
        null or "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        "clixml" or "xml" => OutputFormat.Clixml,
        _ => throw new UsageException($"--output '{text}' is not one of: text, json, clixml."),
    };
}
