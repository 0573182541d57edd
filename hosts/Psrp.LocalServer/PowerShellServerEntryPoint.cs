using System.Reflection;

namespace Psrp.LocalServer;

/// <summary>
/// The one place that reaches into PowerShell's internals: the stdio server loop behind
/// <c>pwsh -s</c> and <c>pwsh -sshs</c>.
/// </summary>
/// <remarks>
/// <para>
/// <c>System.Management.Automation.Remoting.Server.StdIOProcessMediator</c> is <c>internal</c>;
/// pwsh's console host calls its static
/// <c>Run(string initialCommand, string workingDirectory, string configurationName, string configurationFile, bool combineErrOutStream)</c>
/// after parsing its command line. There is no public API for it, so it is found by
/// reflection. This is pinned to System.Management.Automation 7.6.9 (Directory.Packages.props):
/// an internal signature may change in any release, so an engine upgrade must be checked
/// against this file. The test <c>PowerShellServerEntryPointTests</c> resolves the same method
/// through <see cref="Resolve"/> and fails loudly when it has moved.
/// </para>
/// <para>
/// What Run does (read from the 7.6 source): it captures <see cref="Console.Out"/> (protocol) and
/// <see cref="Console.Error"/> (or stdout with the <c>__NamedPipeError__:</c> prefix when
/// <c>combineErrOutStream</c> is set) and replaces <see cref="Console.In"/>/<see cref="Console.Out"/>/<see cref="Console.Error"/>
/// with null streams, then reads stdin line by line until an empty line or end of input, on
/// which it writes the error to the error writer and calls <see cref="Environment.Exit(int)"/>
/// itself. It does not return in normal operation.
/// </para>
/// </remarks>
internal static class PowerShellServerEntryPoint
{
    /// <summary>The System.Management.Automation version this file was written and tested against.</summary>
    internal const string PinnedEngineVersion = "7.6.9";

    internal const string TypeName = "System.Management.Automation.Remoting.Server.StdIOProcessMediator";
    internal const string MethodName = "Run";

    private static readonly Type[] s_parameterTypes = [typeof(string), typeof(string), typeof(string), typeof(string), typeof(bool)];

    /// <summary>The delegate shape of <c>StdIOProcessMediator.Run</c>.</summary>
    internal delegate void RunDelegate(string? initialCommand, string? workingDirectory, string? configurationName, string? configurationFile, bool combineErrOutStream);

    /// <summary>
    /// Finds <c>StdIOProcessMediator.Run</c> with exactly the expected signature and binds a delegate to it.
    /// </summary>
    /// <exception cref="EntryPointNotFoundException">The type or method is missing or its signature differs;
    /// the message names what was expected, what was found and the engine version loaded.</exception>
    internal static RunDelegate Resolve()
    {
        Assembly engine = typeof(System.Management.Automation.PowerShell).Assembly;

        Type type = engine.GetType(TypeName, throwOnError: false)
            ?? throw NotFound($"type {TypeName} does not exist");

        const BindingFlags flags = BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly;
        MethodInfo[] candidates = type.GetMethods(flags).Where(m => m.Name == MethodName).ToArray();
        MethodInfo? method = candidates.FirstOrDefault(m =>
            m.ReturnType == typeof(void) &&
            m.GetParameters().Select(p => p.ParameterType).SequenceEqual(s_parameterTypes));

        if (method is null)
        {
            string found = candidates.Length == 0
                ? "no static method of that name"
                : string.Join("; ", candidates.Select(Describe));
            throw NotFound($"{TypeName}.{MethodName} has a different signature (found: {found})");
        }

        return method.CreateDelegate<RunDelegate>();
    }

    /// <summary>The version of the System.Management.Automation assembly actually loaded, for messages.</summary>
    internal static string LoadedEngineVersion()
    {
        Assembly engine = typeof(System.Management.Automation.PowerShell).Assembly;
        return engine.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? engine.GetName().Version?.ToString()
            ?? "unknown";
    }

    private static EntryPointNotFoundException NotFound(string what) =>
        new($"PowerShell's stdio server entry point was not found: {what}. Expected internal static void " +
            $"{TypeName}.{MethodName}(string initialCommand, string workingDirectory, string configurationName, " +
            $"string configurationFile, bool combineErrOutStream), as in System.Management.Automation {PinnedEngineVersion}; " +
            $"loaded: {LoadedEngineVersion()}. Pin the package back to {PinnedEngineVersion} or update PowerShellServerEntryPoint.cs.");

    private static string Describe(MethodInfo m) =>
        $"{m.ReturnType.Name} {m.Name}({string.Join(", ", m.GetParameters().Select(p => $"{p.ParameterType.Name} {p.Name}"))})";
}
