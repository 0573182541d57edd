using System.Runtime.CompilerServices;

namespace Psrp.Cli.Invocation;

/// <summary>Piped standard input as pipeline input: each line is one string object, streamed as it is read.</summary>
internal static class StandardInputLines
{
    public static async IAsyncEnumerable<object?> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            yield return line;
        }
    }
}
