namespace Psrp.Cli.Interactive;

/// <summary>
/// Decides whether typed input is an unfinished statement, so the prompt asks for more with
/// <c>&gt;&gt; </c> as PowerShell's does: an open <c>{ ( [</c>, an open string, comment or
/// here-string, or a line ending in a backtick or a pipe. A lexical check only — the remote
/// parser has the last word; an empty continuation line runs what was typed anyway.
/// </summary>
internal static class InputCompleteness
{
    public static bool IsIncomplete(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var depth = 0;
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            switch (c)
            {
                case '`':
                    i += 2;
                    continue;
                case '#':
                    i = SkipTo(input, i, "\n");
                    continue;
                case '<' when At(input, i, "<#"):
                    var end = input.IndexOf("#>", i + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        return true;
                    }

                    i = end + 2;
                    continue;
                case '@' when At(input, i, "@'\n") || At(input, i, "@\"\n") || (i + 2 == input.Length && (At(input, i, "@'") || At(input, i, "@\""))):
                    // A here-string runs until its quote and @ start a line.
                    var close = input.IndexOf("\n" + input[i + 1] + "@", i + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        return true;
                    }

                    i = close + 3;
                    continue;
                case '\'':
                    i = SkipString(input, i, '\'');
                    if (i < 0)
                    {
                        return true;
                    }

                    continue;
                case '"':
                    i = SkipString(input, i, '"');
                    if (i < 0)
                    {
                        return true;
                    }

                    continue;
                case '{' or '(' or '[':
                    depth++;
                    break;
                case '}' or ')' or ']':
                    depth--;
                    break;
            }

            i++;
        }

        if (depth > 0)
        {
            return true;
        }

        var trimmed = input.TrimEnd();
        return trimmed.EndsWith('`') || trimmed.EndsWith('|');
    }

    private static bool At(string input, int index, string text) =>
        string.CompareOrdinal(input, index, text, 0, text.Length) == 0;

    private static int SkipTo(string input, int index, string text)
    {
        var found = input.IndexOf(text, index, StringComparison.Ordinal);
        return found < 0 ? input.Length : found;
    }

    /// <summary>The index after the closing quote, or -1 when the string is still open.</summary>
    private static int SkipString(string input, int start, char quote)
    {
        for (var i = start + 1; i < input.Length; i++)
        {
            if (quote == '"' && input[i] == '`')
            {
                i++;
            }
            else if (input[i] == quote)
            {
                // A doubled quote is an escaped quote.
                if (i + 1 < input.Length && input[i + 1] == quote)
                {
                    i++;
                    continue;
                }

                return i + 1;
            }
        }

        return -1;
    }
}
