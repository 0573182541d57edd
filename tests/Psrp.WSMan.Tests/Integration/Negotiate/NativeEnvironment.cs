using System.Runtime.InteropServices;

namespace Psrp.WSMan.Tests.Integration.Negotiate;

/// <summary>
/// Sets process environment variables where native code sees them: .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> keeps its own copy, and GSSAPI
/// (MIT krb5, gss-ntlmssp) reads the C library's environment.
/// </summary>
internal static partial class NativeEnvironment
{
    public static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (setenv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed: {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int setenv(string name, string value, int overwrite);
}
