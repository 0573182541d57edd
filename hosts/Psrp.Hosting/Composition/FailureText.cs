using System.Reflection;

namespace Psrp.Hosting.Composition;

/// <summary>
/// Turns a load or composition exception into one line that names the real cause: the wrappers
/// MEF and reflection add (<see cref="TargetInvocationException"/>, <see cref="ReflectionTypeLoadException"/>)
/// hide it, and a missing dependency is only visible in the loader exceptions.
/// </summary>
internal static class FailureText
{
    private const int MaxLength = 1000;

    public static string Describe(Exception exception)
    {
        var parts = new List<string>();
        Collect(exception, parts);
        var text = string.Join(" ", parts.Distinct(StringComparer.Ordinal));
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
    }

    private static void Collect(Exception? exception, List<string> parts)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TargetInvocationException or AggregateException when current.InnerException is not null:
                    continue;
                case ReflectionTypeLoadException typeLoad:
                    foreach (var loader in typeLoad.LoaderExceptions.OfType<Exception>())
                    {
                        Collect(loader, parts);
                    }

                    if (typeLoad.LoaderExceptions.Length == 0)
                    {
                        parts.Add(Line(typeLoad));
                    }

                    return;
                default:
                    parts.Add(Line(current));
                    break;
            }
        }
    }

    private static string Line(Exception exception)
    {
        var message = exception.Message.Trim();
        return $"{exception.GetType().Name}: {message}";
    }
}
