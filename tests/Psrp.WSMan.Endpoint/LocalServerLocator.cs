namespace Psrp.WSMan.Endpoint;

/// <summary>Finds Psrp.LocalServer.dll, the PowerShell server started behind every shell.</summary>
internal static class LocalServerLocator
{
    private const string FileName = "Psrp.LocalServer.dll";

    public static string Find(string? configured)
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates(configured))
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }

            tried.Add(candidate);
        }

        throw new FileNotFoundException(
            $"The WSMan test endpoint needs the LocalServer (hosts/Psrp.LocalServer) behind its shells and found none. Tried: {string.Join("; ", tried)}. " +
            "Build it (the endpoint project copies it to localserver/), import CopyLocalServer.targets in the test project, or set PSRP_LOCAL_SERVER.");
    }

    private static IEnumerable<string> Candidates(string? configured)
    {
        if (configured is not null)
        {
            yield return configured;
            yield break;
        }

        if (Environment.GetEnvironmentVariable("PSRP_LOCAL_SERVER") is { Length: > 0 } variable)
        {
            yield return variable;
        }

        yield return Path.Combine(AppContext.BaseDirectory, "localserver", FileName);
        yield return Path.Combine(Path.GetDirectoryName(typeof(LocalServerLocator).Assembly.Location) ?? AppContext.BaseDirectory, "localserver", FileName);
    }
}
