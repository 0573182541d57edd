namespace Psrp.Hosting.Tests;

/// <summary>PowerShell's own server (hosts/Psrp.LocalServer), copied by the build to localserver/.</summary>
internal static class LocalServer
{
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "localserver", "Psrp.LocalServer.dll");

            // The peer must exist: a missing server is a failed test, never a skip.
            Assert.True(File.Exists(path), $"The LocalServer was not built next to the tests: {path}");
            return path;
        }
    }
}
