namespace Psrp.WSMan.Tests.Replay;

/// <summary>
/// The payloads of psrp-facts §13 (GV1-GV8), read from the core tests' golden files that the
/// project links into this one (TestData/golden). §13 records where each capture came from.
/// </summary>
internal static class Golden
{
    public static byte[] Payload(string name) =>
        Convert.FromBase64String(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "golden", name + ".b64")).Trim());
}
