using Psrp.Serialization;

namespace Psrp.Messages;

/// <summary>
/// Builds the enum objects PowerShell puts in protocol bodies, under the .NET type names
/// PowerShell itself uses for them (receivers only read the integer).
/// </summary>
internal static class WireEnum
{
    public const string ApartmentState = "System.Threading.ApartmentState";
    public const string PSThreadOptions = "System.Management.Automation.Runspaces.PSThreadOptions";
    public const string RemoteStreamOptions = "System.Management.Automation.RemoteStreamOptions";
    public const string PipelineResultTypes = "System.Management.Automation.Runspaces.PipelineResultTypes";
    public const string RemoteHostMethodId = "System.Management.Automation.Remoting.RemoteHostMethodId";
    public const string ProgressRecordType = "System.Management.Automation.ProgressRecordType";
    public const string CommandTypes = "System.Management.Automation.CommandTypes";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PsTypeNames> Cache = new(StringComparer.Ordinal);

    public static PsObject Create<TEnum>(string typeName, TEnum value)
        where TEnum : struct, Enum
    {
        return new PsObject(Cache.GetOrAdd(typeName, PsTypeNames.ForEnum))
        {
            ToStringValue = value.ToString(),
            BaseValue = System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
