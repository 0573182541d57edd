using System.Runtime.InteropServices;

namespace Psrp.Benchmarks.EndToEnd;

/// <summary>
/// This process's context switches so far (all threads, ended ones included), from <c>getrusage</c>:
/// every thread that blocks and is woken again costs one. On a VM they are expensive, and a client
/// that hands each message between threads pays a few per message.
/// </summary>
public static class ContextSwitches
{
    private const int RusageSelf = 0;

    // struct rusage on 64-bit Linux: two timevals (4 longs), then 14 longs; ru_nvcsw and ru_nivcsw are the last two.
    private const int Longs = 18;

    /// <summary>Voluntary plus involuntary context switches of this process, or 0 where getrusage is not Linux's.</summary>
    public static long Now()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return 0;
        }

        var usage = new long[Longs];
        return GetResourceUsage(RusageSelf, usage) == 0 ? usage[16] + usage[17] : 0;
    }

    // DllImport rather than LibraryImport: the generated stub needs unsafe code, and a long[] is blittable anyway.
    [DllImport("libc", EntryPoint = "getrusage")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetResourceUsage(int who, [Out] long[] usage);
}
